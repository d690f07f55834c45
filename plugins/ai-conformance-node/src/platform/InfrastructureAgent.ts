/**
 * A node agent that legitimately runs privileged or mounts host devices (storage, network,
 * security, observability). Agents are recognised by the image repositories of their containers
 * (see `matchImage`), never by namespace.
 *
 * @public
 */
export interface InfrastructureAgent {
  name: string;
  category:
    | 'storage'
    | 'network'
    | 'security'
    | 'devices'
    | 'observability'
    | 'node';
  /** Image repositories without registry and tag; `*` matches within one path segment. */
  images: string[];
  /**
   * Names the agent's pods carry in labels or owner names. Only a hint: a pod that merely
   * carries one (with other images) gives `unknown`, never platform. Default: the images' last
   * path segments.
   */
  names?: string[];
}
