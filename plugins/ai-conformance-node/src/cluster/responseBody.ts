/* Response bodies as undici's `request` hands them over: Node streams, read with 'data' events.
   A protobuf list of 50,000 pods (109 MB) arrives in ~80,000 chunks; reading it through fetch's
   WHATWG stream reader cost 0.2–0.3 s more CPU than this for the same bytes, on a client whose CPU
   is what bounds a capacity snapshot (`yarn bench:capacity`). */
import { pipeline, Readable, Transform } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';

/** A chunk handler's answer: STOP ends the reading early; a promise makes the reading wait. */
export const STOP = Symbol('stop');
export type ChunkResult = void | typeof STOP | Promise<void>;

const DECOMPRESSORS: Record<string, () => Transform> = {
  gzip: createGunzip,
  'x-gzip': createGunzip,
  deflate: createInflate,
  br: createBrotliDecompress,
};

/** The Accept-Encoding of a reader that asks for compressed answers (the API server's only one). */
export const ACCEPTED_ENCODING = 'gzip';

/**
 * The body with its `Content-Encoding` undone (gzip, and deflate or br from a proxy that
 * recompresses), or undefined for an encoding it cannot undo. Errors of the raw body reach the
 * returned stream.
 */
export function decodedBody(
  body: Readable,
  contentEncoding: string | undefined,
): Readable | undefined {
  const encoding = contentEncoding?.trim().toLowerCase();
  if (!encoding || encoding === 'identity') return body;
  const decompressor = DECOMPRESSORS[encoding];
  if (!decompressor) return undefined;
  // The callback only keeps the error from going unhandled; it reaches the last stream too.
  return pipeline(body, decompressor(), () => undefined);
}

/**
 * An error of zlib (`Z_DATA_ERROR`, `Z_BUF_ERROR`…) or brotli (`ERR__ERROR_FORMAT_…`): a body
 * that does not decompress, as opposed to a connection that failed while it arrived.
 */
export function decompressionErrorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && /^(Z_|ERR__ERROR_)/.test(code)
    ? code
    : undefined;
}

/**
 * Calls `onChunk` for each chunk of the body, in order, waiting whenever it returns a promise.
 * Resolves at the end of the body or when `onChunk` returns STOP (the rest is not read); rejects
 * with the body's error or what `onChunk` threw. The body is destroyed unless it was read to the
 * end, which releases its connection.
 */
export function readChunks(
  body: Readable,
  onChunk: (chunk: Buffer) => ChunkResult,
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let settled = false;
    const settle = (error?: { reason: unknown }) => {
      if (settled) return;
      settled = true;
      if (!body.readableEnded) body.destroy();
      if (error) reject(error.reason);
      else resolve();
    };
    body.on('data', (chunk: Buffer) => {
      if (settled) return;
      let result: ChunkResult;
      try {
        result = onChunk(chunk);
      } catch (reason) {
        settle({ reason });
        return;
      }
      if (result === STOP) settle();
      else if (result) {
        body.pause();
        result.then(
          () => {
            if (!settled) body.resume();
          },
          reason => settle({ reason }),
        );
      }
    });
    body.once('end', () => settle());
    body.once('error', reason => settle({ reason }));
    body.once('close', () =>
      settle({
        reason: new Error('the connection closed before the body ended'),
      }),
    );
  });
}
