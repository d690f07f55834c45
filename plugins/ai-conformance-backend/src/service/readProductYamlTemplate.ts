import { InputError } from '@backstage/errors';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Reads `AIConformance-<version>.yaml` from the configured templates directory, with errors
 * that say what to configure.
 *
 * @internal
 */
export async function readProductYamlTemplate(
  templatesDir: string | undefined,
  checklistVersion: string,
): Promise<string> {
  if (!templatesDir) {
    throw new InputError(
      'No PRODUCT.yaml template: send "template" in the request body, or set aiConformance.export.templatesDir to a directory with the official AIConformance-<version>.yaml files',
    );
  }
  if (!/^\d+\.\d+$/.test(checklistVersion)) {
    throw new InputError(
      `The scorecard has an unexpected checklist version "${checklistVersion}"`,
    );
  }
  const file = `AIConformance-${checklistVersion}.yaml`;
  try {
    return await readFile(join(templatesDir, file), 'utf8');
  } catch {
    throw new InputError(
      `No ${file} in aiConformance.export.templatesDir (${templatesDir}); add the official template for checklist ${checklistVersion}, or send "template" in the request body`,
    );
  }
}
