import protobuf from 'protobufjs';
import { ProtobufItemTooLargeError, ProtobufListStream } from './listStream';
import { decodeProtobufList, protobufStatusMessage } from './kubeProtobuf';

/* The bytes are written field by field with the numbers of k8s.io/api generated.proto, as the
   API server writes them (empty strings included), independently of the decoder's schema. */

type Build = (w: protobuf.Writer) => void;
const message = (w: protobuf.Writer, field: number, build: Build) => {
  w.uint32((field << 3) | 2).fork();
  build(w);
  w.ldelim();
};
const str = (w: protobuf.Writer, field: number, value: string) =>
  w.uint32((field << 3) | 2).string(value);
const bool = (w: protobuf.Writer, field: number, value: boolean) =>
  w.uint32(field << 3).bool(value);
const mapEntry = (
  w: protobuf.Writer,
  field: number,
  key: string,
  value: Build,
) =>
  message(w, field, e => {
    str(e, 1, key);
    value(e);
  });
const quantity = (
  w: protobuf.Writer,
  field: number,
  name: string,
  amount: string,
) => mapEntry(w, field, name, e => message(e, 2, q => str(q, 1, amount)));

function envelope(list: Build): Buffer {
  const raw = protobuf.Writer.create();
  list(raw);
  const w = protobuf.Writer.create();
  message(w, 1, t => {
    str(t, 1, 'v1');
    str(t, 2, 'PodList');
  });
  w.uint32((2 << 3) | 2).bytes(raw.finish());
  str(w, 4, 'application/vnd.kubernetes.protobuf');
  return Buffer.concat([Buffer.from('k8s\0', 'binary'), w.finish()]);
}

const podList = envelope(w => {
  message(w, 1, m => {
    str(m, 2, '4711');
    str(m, 3, 'next-page');
  });
  message(w, 2, pod => {
    message(pod, 1, meta => {
      str(meta, 1, 'trainer-0');
      str(meta, 3, 'ml');
      mapEntry(meta, 11, 'app', e => str(e, 2, 'trainer'));
      mapEntry(meta, 11, 'node-role.kubernetes.io/gpu', e => str(e, 2, ''));
      message(meta, 13, o => {
        str(o, 1, 'Job');
        str(o, 3, 'trainer');
        bool(o, 6, true);
      });
      // managedFields: not declared, skipped
      message(meta, 17, f => str(f, 1, 'kubectl'));
    });
    message(pod, 2, spec => {
      message(spec, 1, v => {
        str(v, 1, 'dev');
        message(v, 2, src => message(src, 1, h => str(h, 1, '/dev/nvidia0')));
      });
      message(spec, 2, c => {
        str(c, 1, 'main');
        str(c, 2, 'cuda:12');
        message(c, 8, r => {
          quantity(r, 1, 'nvidia.com/gpu', '1');
          quantity(r, 2, 'cpu', '500m');
        });
        message(c, 15, sc => bool(sc, 2, true));
      });
      str(spec, 10, 'gpu-node-1');
      message(spec, 39, claim => str(claim, 1, 'gpu'));
    });
    message(pod, 3, status => str(status, 1, 'Running'));
  });
  message(w, 2, pod => {
    message(pod, 1, meta => {
      str(meta, 1, 'pending-0');
      str(meta, 3, 'ml');
    });
    message(pod, 2, spec => str(spec, 10, ''));
    message(pod, 3, status => str(status, 1, 'Pending'));
  });
});

const debuggedPod = envelope(w => {
  message(w, 2, pod => {
    message(pod, 1, meta => {
      str(meta, 1, 'debugged-0');
      str(meta, 3, 'ml');
    });
    message(pod, 2, spec => {
      message(spec, 2, c => {
        str(c, 1, 'main');
        str(c, 2, 'nvcr.io/nvidia/pytorch:25.08-py3');
        message(c, 7, e => {
          str(e, 1, 'HF_TOKEN_PATH');
          str(e, 2, '/var/run/secrets/hf');
        });
        message(c, 7, e => {
          str(e, 1, 'NVIDIA_VISIBLE_DEVICES');
          str(e, 2, 'all');
        });
        message(c, 7, e => {
          // the value written before the name
          str(e, 2, '0,1');
          str(e, 1, 'TPU_VISIBLE_CHIPS');
        });
        message(c, 7, e => {
          str(e, 1, 'MODEL_ID');
          message(e, 3, from => message(from, 3, ref => str(ref, 1, 'cm')));
        });
        message(c, 7, e => {
          str(e, 1, 'AWS_NEURON_VISIBLE_DEVICES');
          message(e, 3, from => message(from, 3, ref => str(ref, 1, 'cm')));
        });
      });
      // ephemeralContainers (34): EphemeralContainerCommon nested as field 1
      message(spec, 34, eph => {
        message(eph, 1, c => {
          str(c, 1, 'debugger');
          str(c, 2, 'ubuntu:24.04');
          message(c, 15, sc => bool(sc, 2, true));
        });
        str(eph, 2, 'main');
      });
    });
  });
});

describe('decodeProtobufList', () => {
  it('decodes images, device env variables (value or valueFrom) and ephemeral containers', () => {
    const [pod] = decodeProtobufList(debuggedPod, 'Pod').items as any[];
    expect(pod.spec.containers[0]).toEqual({
      name: 'main',
      image: 'nvcr.io/nvidia/pytorch:25.08-py3',
      // only the variables through which runtimes hand out devices: no fact reads the others
      env: [
        { name: 'NVIDIA_VISIBLE_DEVICES', value: 'all', valueFrom: undefined },
        { name: 'TPU_VISIBLE_CHIPS', value: '0,1', valueFrom: undefined },
        { name: 'AWS_NEURON_VISIBLE_DEVICES', value: undefined, valueFrom: {} },
      ],
      resources: undefined,
      securityContext: undefined,
    });
    expect(pod.spec.ephemeralContainers).toEqual([
      {
        name: 'debugger',
        image: 'ubuntu:24.04',
        env: undefined,
        resources: undefined,
        securityContext: { privileged: true },
      },
    ]);
  });

  it('decodes the fields the engine reads into the JSON shape and skips the rest', () => {
    const { items, metadata } = decodeProtobufList(podList, 'Pod');
    expect(metadata).toEqual({
      continue: 'next-page',
      resourceVersion: '4711',
    });
    expect(items).toHaveLength(2);
    expect(items[0]).toEqual({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: 'trainer-0',
        namespace: 'ml',
        labels: { app: 'trainer', 'node-role.kubernetes.io/gpu': '' },
        ownerReferences: [{ kind: 'Job', name: 'trainer', controller: true }],
      },
      spec: {
        nodeName: 'gpu-node-1',
        runtimeClassName: undefined,
        containers: [
          {
            name: 'main',
            image: 'cuda:12',
            resources: {
              limits: { 'nvidia.com/gpu': '1' },
              requests: { cpu: '500m' },
            },
            securityContext: { privileged: true },
          },
        ],
        initContainers: [],
        ephemeralContainers: [],
        volumes: [{ name: 'dev', hostPath: { path: '/dev/nvidia0' } }],
        resourceClaims: [{ name: 'gpu' }],
      },
      status: { phase: 'Running' },
    });
    // An empty nodeName is omitted, as in JSON.
    expect(items[1].spec).toMatchObject({
      nodeName: undefined,
      containers: [],
    });
  });

  it('decodes nodes: quantities, taints, conditions, runtime versions and handlers', () => {
    const nodeList = envelope(w => {
      message(w, 1, m => str(m, 2, '9'));
      message(w, 2, node => {
        message(node, 1, meta => {
          str(meta, 1, 'gpu-node-1');
          str(meta, 3, '');
          mapEntry(meta, 11, 'nvidia.com/gpu.product', e => str(e, 2, 'H100'));
        });
        message(node, 2, spec => {
          bool(spec, 4, false);
          message(spec, 5, t => {
            str(t, 1, 'nvidia.com/gpu');
            str(t, 2, '');
            str(t, 3, 'NoSchedule');
          });
        });
        message(node, 3, status => {
          quantity(status, 1, 'nvidia.com/gpu', '8');
          quantity(status, 2, 'nvidia.com/gpu', '7');
          message(status, 4, c => {
            str(c, 1, 'MemoryPressure');
            str(c, 2, 'False');
            str(c, 6, 'kubelet has sufficient memory available');
          });
          message(status, 4, c => {
            str(c, 1, 'Ready');
            str(c, 2, 'True');
          });
          message(status, 4, c => {
            str(c, 1, 'DiskPressure');
            str(c, 2, 'False');
          });
          message(status, 7, info => {
            str(info, 6, 'containerd://2.1.4');
            str(info, 7, 'v1.37.2');
          });
          // runtimeHandlers: the default handler (empty name) and runsc with its features
          message(status, 12, h => {
            str(h, 1, '');
            message(h, 2, f => bool(f, 1, true));
          });
          message(status, 12, h => {
            str(h, 1, 'runsc');
            message(h, 2, f => {
              bool(f, 1, false);
              bool(f, 2, true);
            });
          });
        });
      });
    });
    const { items, metadata } = decodeProtobufList(nodeList, 'Node');
    expect(metadata.continue).toBeUndefined();
    expect(items[0]).toEqual({
      apiVersion: 'v1',
      kind: 'Node',
      metadata: {
        name: 'gpu-node-1',
        labels: { 'nvidia.com/gpu.product': 'H100' },
      },
      spec: {
        unschedulable: false,
        taints: [{ key: 'nvidia.com/gpu', effect: 'NoSchedule' }],
      },
      status: {
        capacity: { 'nvidia.com/gpu': '8' },
        allocatable: { 'nvidia.com/gpu': '7' },
        // only Ready is read
        conditions: [{ type: 'Ready', status: 'True' }],
        nodeInfo: {
          containerRuntimeVersion: 'containerd://2.1.4',
          kubeletVersion: 'v1.37.2',
        },
        // as in JSON: the default handler's name is an empty string; features are not read
        runtimeHandlers: [{ name: '' }, { name: 'runsc' }],
      },
    });
  });

  it('keeps what JSON keeps: false booleans, empty messages, empty label values, empty quantities', () => {
    const list = envelope(w => {
      message(w, 2, pod => {
        message(pod, 1, meta => {
          str(meta, 1, 'edge-0');
          // a key that would change an object's prototype is an ordinary label
          mapEntry(meta, 11, '__proto__', e => str(e, 2, 'x'));
          // an entry without a value has protobuf's default, an empty string
          mapEntry(meta, 11, 'empty', () => undefined);
          // a repeated key: the last one wins, as in the API server's JSON
          mapEntry(meta, 11, 'tier', e => str(e, 2, 'a'));
          mapEntry(meta, 11, 'tier', e => str(e, 2, 'b'));
        });
        message(pod, 2, spec => {
          message(spec, 2, c => {
            str(c, 1, 'main');
            message(c, 8, () => undefined);
            message(c, 15, sc => bool(sc, 2, false));
          });
          message(spec, 20, c => {
            str(c, 1, 'sidecar');
            str(c, 24, 'Always');
            message(c, 8, r => quantity(r, 2, 'example.com/dev', ''));
            message(c, 15, () => undefined);
          });
          mapEntry(spec, 32, 'cpu', e => message(e, 2, q => str(q, 1, '250m')));
          message(spec, 40, r => quantity(r, 2, 'memory', '1Gi'));
          message(spec, 34, () => undefined);
        });
        message(pod, 3, status => {
          message(status, 2, c => {
            str(c, 1, 'PodScheduled');
            str(c, 2, 'False');
            str(c, 5, 'Unschedulable');
            str(c, 6, '0/3 nodes are available');
          });
          message(status, 15, s => {
            str(s, 1, 'gpu');
            str(s, 2, 'edge-0-gpu-x7');
          });
        });
      });
    });
    const [pod] = decodeProtobufList(list, 'Pod').items as any[];
    expect(Object.getPrototypeOf(pod.metadata.labels)).toBe(Object.prototype);
    expect(Object.entries(pod.metadata.labels)).toEqual([
      ['__proto__', 'x'],
      ['empty', ''],
      ['tier', 'b'],
    ]);
    expect(pod.spec.containers).toEqual([
      {
        name: 'main',
        resources: { limits: undefined, requests: undefined },
        securityContext: { privileged: false },
      },
    ]);
    expect(pod.spec.initContainers).toEqual([
      {
        name: 'sidecar',
        restartPolicy: 'Always',
        resources: { requests: { 'example.com/dev': '' } },
        securityContext: {},
      },
    ]);
    expect(pod.spec.ephemeralContainers).toEqual([{}]);
    expect(pod.spec.overhead).toEqual({ cpu: '250m' });
    expect(pod.spec.resources).toEqual({ requests: { memory: '1Gi' } });
    expect(pod.status).toEqual({
      conditions: [
        {
          type: 'PodScheduled',
          status: 'False',
          reason: 'Unschedulable',
          message: '0/3 nodes are available',
        },
      ],
      resourceClaimStatuses: [
        { name: 'gpu', resourceClaimName: 'edge-0-gpu-x7' },
      ],
    });
  });

  it('keeps only the PodScheduled condition, wherever its type is written', () => {
    const list = envelope(w => {
      message(w, 2, pod =>
        message(pod, 3, status => {
          message(status, 2, c => {
            str(c, 1, 'Initialized');
            str(c, 2, 'True');
          });
          // a condition whose type comes after another field
          message(status, 2, c => {
            message(c, 4, t => str(t, 1, 'ignored'));
            str(c, 1, 'Ready');
            str(c, 2, 'False');
          });
          message(status, 2, c => str(c, 2, 'True')); // no type at all
          message(status, 2, c => {
            message(c, 4, t => str(t, 1, 'ignored'));
            str(c, 1, 'PodScheduled');
            str(c, 2, 'True');
            str(c, 5, 'Scheduled');
          });
          message(status, 2, c => {
            str(c, 1, 'ContainersReady');
            str(c, 6, 'a message that is never decoded');
          });
          str(status, 1, 'Running');
        }),
      );
    });
    const [pod] = decodeProtobufList(list, 'Pod').items as any[];
    expect(pod.status).toEqual({
      phase: 'Running',
      conditions: [
        {
          type: 'PodScheduled',
          status: 'True',
          reason: 'Scheduled',
          message: undefined,
        },
      ],
      resourceClaimStatuses: undefined,
    });
  });

  it('skips fields of every wire type it does not read, also unexpected types of known numbers', () => {
    const list = envelope(w => {
      message(w, 2, pod => {
        message(pod, 1, meta => {
          str(meta, 1, 'skipped-0');
          meta.uint32((8 << 3) | 0).int64(1234567890123); // generation: varint
          meta.uint32((50 << 3) | 1).fixed64(7); // 64-bit
          meta.uint32((51 << 3) | 5).fixed32(7); // 32-bit
          meta.uint32((3 << 3) | 0).uint32(5); // namespace sent as a varint
        });
        message(pod, 9, other => str(other, 1, 'unknown message'));
      });
    });
    const [pod] = decodeProtobufList(list, 'Pod').items;
    expect(pod.metadata).toEqual({ name: 'skipped-0' });
  });

  it('rejects a truncated body and a message that runs past its parent', () => {
    const cut = podList.subarray(0, podList.indexOf(Buffer.from('cuda:12')));
    expect(() => decodeProtobufList(cut, 'Pod')).toThrow(
      /the body ended after \d+ bytes, inside the list/,
    );
    // a pod whose metadata claims more bytes than the pod holds
    const overlapping = envelope(w => {
      w.uint32((2 << 3) | 2).uint32(4);
      w.uint32((1 << 3) | 2).uint32(10);
      w.uint32((1 << 3) | 2).uint32(0);
      str(w, 2, 'more bytes after the pod');
    });
    expect(() => decodeProtobufList(overlapping, 'Pod')).toThrow(
      /a message of 10 bytes at offset \d+ runs past the end of its parent/,
    );
  });

  it('rejects a body that is not Kubernetes protobuf', () => {
    expect(() =>
      decodeProtobufList(Buffer.from('{"items":[]}'), 'Pod'),
    ).toThrow('not a Kubernetes protobuf body');
  });
});

describe('ProtobufListStream', () => {
  function feed(stream: ProtobufListStream, body: Buffer, chunkSize: number) {
    const items = [];
    let headBeforeFirstItem: boolean | undefined;
    for (let at = 0; at < body.length; at += chunkSize) {
      const decoded = stream.push(body.subarray(at, at + chunkSize));
      if (decoded.length && headBeforeFirstItem === undefined)
        headBeforeFirstItem = stream.head !== undefined;
      items.push(...decoded);
    }
    stream.end();
    return { items, headBeforeFirstItem };
  }

  it('decodes the same objects however the body is cut into chunks, the head first', () => {
    const whole = decodeProtobufList(podList, 'Pod');
    expect(whole.items).toHaveLength(2);
    for (const size of [1, 2, 3, 7, 64, podList.length]) {
      const stream = new ProtobufListStream('Pod', 1024);
      const { items, headBeforeFirstItem } = feed(stream, podList, size);
      expect(items).toEqual(whole.items);
      expect(headBeforeFirstItem).toBe(true);
      expect(stream.head).toEqual({
        resourceVersion: '4711',
        continue: 'next-page',
      });
    }
  });

  it('puts objects that span chunks together correctly, small and large in any order', () => {
    // Sizes that make the buffer objects are put together in grow, and leftovers of one size
    // move over bytes of another; every object must still decode from its own bytes.
    const lengths = [3, 900, 10, 70_000, 5, 200_000, 40, 1_000, 64 * 1024];
    const body = envelope(w => {
      message(w, 1, m => str(m, 2, '9'));
      lengths.forEach((length, i) =>
        message(w, 2, pod =>
          message(pod, 1, meta => {
            str(meta, 1, `${i}-${'x'.repeat(length)}`);
            str(meta, 3, `ns-${i}`);
          }),
        ),
      );
    });
    const whole = decodeProtobufList(body, 'Pod');
    expect(whole.items.map(p => p.metadata?.namespace)).toEqual(
      lengths.map((_, i) => `ns-${i}`),
    );
    for (const size of [1, 13, 1_337, 4_096, 65_537]) {
      const { items } = feed(
        new ProtobufListStream('Pod', 1 << 20),
        body,
        size,
      );
      expect(items).toEqual(whole.items);
    }
  });

  it('returns each object as soon as its last byte has arrived', () => {
    const stream = new ProtobufListStream('Pod', 1024);
    const secondPod = podList.indexOf(Buffer.from('pending-0'));
    const first = stream.push(podList.subarray(0, secondPod));
    expect(first.map(p => p.metadata?.name)).toEqual(['trainer-0']);
    const rest = stream.push(podList.subarray(secondPod));
    expect(rest.map(p => p.metadata?.name)).toEqual(['pending-0']);
    expect(() => stream.end()).not.toThrow();
  });

  it('rejects an object over the size limit as soon as its length has arrived', () => {
    const stream = new ProtobufListStream('Pod', 40);
    const firstPod = podList.indexOf(Buffer.from('trainer-0'));
    expect(() => stream.push(podList.subarray(0, firstPod))).toThrow(
      ProtobufItemTooLargeError,
    );
  });

  it('rejects a body that ends inside the list, is empty or is not protobuf', () => {
    const cut = new ProtobufListStream('Pod', 1024);
    cut.push(podList.subarray(0, podList.indexOf(Buffer.from('pending-0'))));
    expect(() => cut.end()).toThrow(
      /the body ended after \d+ bytes, inside the list/,
    );
    expect(() => new ProtobufListStream('Pod', 1024).end()).toThrow(
      'not a Kubernetes protobuf body',
    );
    expect(() =>
      new ProtobufListStream('Node', 1024).push(Buffer.from('{"items":[]}')),
    ).toThrow('not a Kubernetes protobuf body');
  });

  it('rejects an object that runs past the end of its list', () => {
    const raw = protobuf.Writer.create();
    message(raw, 2, pod => message(pod, 1, meta => str(meta, 1, 'long-0')));
    const list = raw.finish();
    const w = protobuf.Writer.create();
    // `raw` declares two bytes fewer than the pod it holds
    w.uint32((2 << 3) | 2).uint32(list.length - 2);
    const body = Buffer.concat([
      Buffer.from('k8s\0', 'binary'),
      w.finish(),
      list,
    ]);
    expect(() => new ProtobufListStream('Pod', 1024).push(body)).toThrow(
      /runs past the end of the list/,
    );
  });
});

describe('protobufStatusMessage', () => {
  it('reads the message of a protobuf Status', () => {
    const w = protobuf.Writer.create();
    const raw = protobuf.Writer.create();
    str(raw, 3, 'Timeout: Too large resource version: 5, current: 4');
    w.uint32((2 << 3) | 2).bytes(raw.finish());
    const body = Buffer.concat([Buffer.from('k8s\0', 'binary'), w.finish()]);
    expect(protobufStatusMessage(body)).toBe(
      'Timeout: Too large resource version: 5, current: 4',
    );
    expect(protobufStatusMessage(Buffer.from('oops'))).toBeUndefined();
  });
});
