import { partialAmd } from './amd';
import { bare } from './bare';
import { conformantNvidia, nvidiaBypass } from './nvidia';
import { gpuOnDemand } from './onDemand';
import { otherVendors } from './otherVendors';
import { modelServing } from './serving';
import { Scenario } from './types';

export const SCENARIOS: Record<string, Scenario> = {
  [conformantNvidia.name]: conformantNvidia,
  [partialAmd.name]: partialAmd,
  [bare.name]: bare,
  [nvidiaBypass.name]: nvidiaBypass,
  [gpuOnDemand.name]: gpuOnDemand,
  [otherVendors.name]: otherVendors,
  [modelServing.name]: modelServing,
};

export function getScenario(name: string): Scenario {
  const s = SCENARIOS[name];
  if (!s)
    throw new Error(
      `unknown scenario '${name}' (known: ${Object.keys(SCENARIOS).join(
        ', ',
      )})`,
    );
  return s;
}

export { applyScenario } from './apply';
export { kuberayWebhookWithoutEndpoints } from './nvidia';
export {
  BYPASS_NAMESPACE,
  VENDOR_PREFIXED_USER_NAMESPACE,
  secureAccessBypasses,
} from './platformAgents';
export type { Scenario } from './types';
