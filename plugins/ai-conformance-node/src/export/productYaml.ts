import {
  Document,
  isMap,
  isScalar,
  isSeq,
  parseDocument,
  Scalar,
  YAMLMap,
  YAMLSeq,
} from 'yaml';
import {
  RequirementResult,
  Scorecard,
} from '@internal/plugin-ai-conformance-common';

/** The statuses the CNCF validator accepts. @public */
export const PRODUCT_STATUSES = [
  'Implemented',
  'Not Implemented',
  'Partially Implemented',
  'N/A',
] as const;

/** @public */
export interface RenderProductYamlOptions {
  /**
   * Where the JUnit export of the same scorecard is filed next to PRODUCT.yaml (e.g.
   * `file://results/junit.xml`). When set, every requirement that passed cites
   * `<junitEvidence>#<id>` as evidence, the hybrid verification form of checklist 1.37.
   */
  junitEvidence?: string;
}

function quoted(value: string): Scalar {
  const scalar = new Scalar(value);
  scalar.type = Scalar.QUOTE_DOUBLE;
  return scalar;
}

/** Replaces a scalar's value but keeps the node, so comments attached to it survive. */
function setScalar(item: YAMLMap, key: string, value: string) {
  const node = item.get(key, true);
  if (isScalar(node)) {
    node.value = value;
    if (node.type === Scalar.PLAIN) {
      node.type = Scalar.QUOTE_DOUBLE;
    }
  } else {
    item.set(key, quoted(value));
  }
}

function setEvidence(item: YAMLMap, evidence: string[]) {
  const existing = item.get('evidence', true);
  const seq = new YAMLSeq();
  evidence.forEach(e => seq.add(quoted(e)));
  if (isSeq(existing)) {
    seq.comment = existing.comment;
    seq.commentBefore = existing.commentBefore;
  }
  item.set('evidence', seq);
}

function describeEvidence(result: RequirementResult): string {
  const parts = result.evidence.slice(0, 8).map(e => e.message);
  const more =
    result.evidence.length > 8 ? ` (+${result.evidence.length - 8} more)` : '';
  return parts.length ? ` Evidence: ${parts.join('; ')}${more}.` : '';
}

function fill(
  item: YAMLMap,
  result: RequirementResult | undefined,
  scorecard: Scorecard,
  options: RenderProductYamlOptions,
) {
  const id = String(item.get('id'));
  const level = String(item.get('level'));
  const origin = `Checked by ai-conformance on ${scorecard.cluster} (Kubernetes ${scorecard.kubernetesVersion}) at ${scorecard.evaluatedAt}.`;
  if (!result) {
    setScalar(item, 'status', '');
    setScalar(
      item,
      'notes',
      'Not evaluated by ai-conformance; complete manually.',
    );
    return;
  }
  switch (result.verdict) {
    case 'pass':
      setScalar(item, 'status', 'Implemented');
      setScalar(
        item,
        'notes',
        `${origin} ${result.reason}${describeEvidence(result)}`,
      );
      if (options.junitEvidence) {
        setEvidence(item, [`${options.junitEvidence}#${id}`]);
      }
      break;
    case 'fail':
      setScalar(item, 'status', 'Not Implemented');
      setScalar(
        item,
        'notes',
        `${origin} ${result.reason}${describeEvidence(result)}`,
      );
      break;
    case 'not-applicable':
      setScalar(item, 'status', 'N/A');
      // The validator requires a justification for N/A: the verdict's reason is one.
      setScalar(item, 'notes', `${result.reason} (${origin})`);
      if (level === 'MUST') {
        item.commentBefore =
          ' The CNCF validator accepts N/A on a MUST only for conditional requirements' +
          ' (cluster_autoscaling, pod_autoscaling) and may still reject it; review this item.';
      }
      break;
    default:
      // unknown / error: leave the status empty so that a person completes it.
      setScalar(item, 'status', '');
      setScalar(
        item,
        'notes',
        `Needs manual completion (${result.verdict}): ${result.reason}`,
      );
      item.commentBefore = ` ai-conformance could not decide this requirement (${result.verdict}); fill in status and evidence.`;
  }
}

/**
 * Fills the official checklist template of a version (AIConformance-1.xx.yaml) with a
 * scorecard: status from the verdict (pass → Implemented, fail → Not Implemented,
 * not-applicable → N/A with the reason as notes, unknown and error → left empty with a note for
 * manual completion), notes with the evidence, and `metadata` fields from `metadata`. Ids,
 * descriptions and levels are kept as the template has them, and so are its comments.
 *
 * @param scorecard - the evaluation to export
 * @param templateYaml - the text of the official template for `scorecard.checklistVersion`
 * @param metadata - values for `metadata` keys (platformName, vendorName, k8sConformanceUrl, …)
 * @public
 */
export function renderProductYaml(
  scorecard: Scorecard,
  templateYaml: string,
  metadata: Record<string, string> = {},
  options: RenderProductYamlOptions = {},
): string {
  const doc: Document = parseDocument(templateYaml);
  if (doc.errors.length > 0) {
    throw new Error(
      `The PRODUCT.yaml template is not valid YAML: ${doc.errors[0].message}`,
    );
  }
  const spec = doc.get('spec', true);
  if (!isMap(spec)) {
    throw new Error(
      'The PRODUCT.yaml template has no `spec` map; pass the official AIConformance-<version>.yaml checklist.',
    );
  }
  const templateVersion = String(
    doc.getIn(['metadata', 'kubernetesVersion']) ?? '',
  ).replace(/^v/, '');
  if (templateVersion && templateVersion !== scorecard.checklistVersion) {
    throw new Error(
      `The template is for checklist ${templateVersion} but the scorecard was evaluated against ${scorecard.checklistVersion}; use AIConformance-${scorecard.checklistVersion}.yaml.`,
    );
  }
  const byId = new Map(scorecard.requirements.map(r => [r.id, r]));
  for (const category of spec.items) {
    if (!isSeq(category.value)) continue;
    for (const item of category.value.items) {
      if (isMap(item)) {
        fill(item, byId.get(String(item.get('id'))), scorecard, options);
      }
    }
  }
  const meta = doc.get('metadata', true);
  if (isMap(meta)) {
    for (const [key, value] of Object.entries(metadata)) {
      setScalar(meta, key, value);
    }
  }
  return doc.toString({ lineWidth: 0 });
}
