import fs from 'node:fs';
import path from 'node:path';
import { CHECKLISTS } from './checklists';
import { REQUIREMENTS } from './requirements';
import {
  checklistVersionForKubernetes,
  getChecklist,
  getRequirement,
  listChecklistVersions,
} from './lookup';

const TEMPLATES = path.resolve(
  __dirname,
  '../../../../../shared/cncf/checklists',
);

/** Category → [id, level] in template order, read without a YAML dependency. */
function readTemplate(
  file: string,
): Array<{ category: string; id: string; level: string }> {
  const out: Array<{ category: string; id: string; level: string }> = [];
  let category = '';
  let id = '';
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    const cat = /^ {2}([A-Za-z]+):\s*$/.exec(line);
    if (cat) category = cat[1];
    const idMatch = /^\s+- id: (\S+)/.exec(line);
    if (idMatch) id = idMatch[1];
    const level = /^\s+level: (MUST|SHOULD)/.exec(line);
    if (level) out.push({ category, id, level: level[1] });
  }
  return out;
}

describe('requirement catalogue', () => {
  it('defines every requirement used by a checklist, with our own texts', () => {
    for (const checklist of CHECKLISTS) {
      for (const r of checklist.requirements) {
        const def = getRequirement(r.id);
        expect(def).toBeDefined();
        expect(def!.description.length).toBeGreaterThan(30);
        expect(def!.howWeCheck.length).toBeGreaterThan(30);
        expect(def!.remediation.length).toBeGreaterThan(30);
      }
    }
    expect(new Set(REQUIREMENTS.map(r => r.id)).size).toBe(REQUIREMENTS.length);
  });

  it('marks the conditional requirements', () => {
    const v137 = getChecklist('1.37')!;
    const conditional = v137.requirements
      .filter(r => r.conditional)
      .map(r => r.id);
    expect(conditional.sort()).toEqual([
      'cluster_autoscaling',
      'high_performance_networking',
      'pod_autoscaling',
    ]);
  });

  it('has dra_support only in 1.33 (SHOULD), 1.34 and 1.35 (MUST)', () => {
    const levels = listChecklistVersions().map(
      v =>
        getChecklist(v)!.requirements.find(r => r.id === 'dra_support')?.level,
    );
    expect(levels).toEqual(['SHOULD', 'MUST', 'MUST', undefined, undefined]);
  });

  const templatesPresent = fs.existsSync(TEMPLATES);
  if (!templatesPresent) {
    // eslint-disable-next-line no-console
    console.warn(
      `../shared/cncf/checklists not found at ${TEMPLATES}: skipping the template comparison`,
    );
  }
  const itWithTemplates = templatesPresent ? it : it.skip;
  /* eslint-disable jest/no-standalone-expect -- itWithTemplates is `it` or `it.skip` */
  itWithTemplates(
    'matches the official templates: ids, categories, levels and order',
    () => {
      for (const checklist of CHECKLISTS) {
        const template = readTemplate(
          path.join(TEMPLATES, `AIConformance-${checklist.version}.yaml`),
        );
        expect(template.length).toBeGreaterThan(5);
        expect(
          checklist.requirements.map(r => [
            getRequirement(r.id)!.category,
            r.id,
            r.level,
          ]),
        ).toEqual(template.map(t => [t.category, t.id, t.level]));
      }
    },
  );
  /* eslint-enable jest/no-standalone-expect */
});

describe('checklistVersionForKubernetes', () => {
  it.each([
    ['v1.35.2-gke.1100', '1.35'],
    ['v1.33.0', '1.33'],
    ['v1.37.1+k3s1', '1.37'],
    ['v1.40.0', '1.37'],
    ['v1.30.4-eks-abc', '1.33'],
  ])('%s → %s', (gitVersion, expected) => {
    expect(checklistVersionForKubernetes(gitVersion)).toBe(expected);
  });

  it('picks the newest available version not newer than the cluster', () => {
    expect(checklistVersionForKubernetes('v1.36.0', ['1.33', '1.35'])).toBe(
      '1.35',
    );
  });

  it('returns undefined for an unparsable version', () => {
    expect(checklistVersionForKubernetes('banana')).toBeUndefined();
  });

  it('getChecklist accepts a v prefix and rejects unknown versions', () => {
    expect(getChecklist('v1.34')?.version).toBe('1.34');
    expect(getChecklist('1.99')).toBeUndefined();
  });
});
