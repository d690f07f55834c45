import { RequirementCategory, RequirementLevel } from '../types';

/**
 * What the program requires, independent of checklist version. The texts are our own words;
 * the official wording lives in the CNCF checklist templates.
 *
 * @public
 */
export interface RequirementDefinition {
  /** The checklist id, e.g. `gang_scheduling`. */
  id: string;
  category: RequirementCategory;
  /** The Kubernetes AI conformance Requirement (KAR) number, e.g. `0053`; absent for `ai_inference`. */
  kar?: string;
  /** A short title for lists and headings. */
  title: string;
  /** What the requirement asks for, in one or two sentences. */
  description: string;
  /** What the engine looks at to decide the verdict. */
  howWeCheck: string;
  /** What a platform team does to satisfy the requirement. */
  remediation: string;
}

/**
 * One requirement as a given checklist version lists it.
 *
 * @public
 */
export interface ChecklistRequirement {
  id: string;
  level: RequirementLevel;
  /**
   * True when the text makes the requirement depend on a condition ("If the platform provides a
   * cluster autoscaler …"); such a requirement may be `not-applicable` with a reason.
   */
  conditional?: boolean;
}

/**
 * One checklist version (`1.33` … `1.37`). Adding a version is a data change: append an entry.
 *
 * @public
 */
export interface ChecklistDefinition {
  /** `<major>.<minor>`, matching the Kubernetes minor version it certifies. */
  version: string;
  requirements: ChecklistRequirement[];
}
