import { FleetConformanceHomeCardContent } from './FleetConformanceHomeCard';

/** The parts `createCardExtension` (legacy home page) loads. */
export const Content = FleetConformanceHomeCardContent;
