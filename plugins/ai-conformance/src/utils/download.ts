/**
 * Saves text as a file through a temporary object URL. Exports are fetched with the user's
 * Backstage token (a plain link would not carry it), so the browser cannot download them itself.
 */
export function saveTextFile(
  filename: string,
  content: string,
  mimeType: string,
) {
  const url = URL.createObjectURL(new Blob([content], { type: mimeType }));
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = filename;
  anchor.rel = 'noopener';
  document.body.appendChild(anchor);
  anchor.click();
  anchor.remove();
  // Revoke after the click has been handled so the download can start.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** A file name part without characters that file systems reject. */
export function safeFileName(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]+/g, '_');
}
