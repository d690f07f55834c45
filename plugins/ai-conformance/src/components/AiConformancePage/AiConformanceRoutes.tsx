import { Route, Routes } from 'react-router-dom';
import { ClusterCapacityView } from '../CapacityView';
import { ClusterView } from '../ClusterView';
import { FleetCapacityPage } from '../FleetCapacity';
import { FleetView } from '../FleetView';
import { ModelServingFleetView } from '../ModelServing';
import { RequirementView } from '../RequirementView';

/** The plugin's views below its mount point; paths match the sub route refs in routes.ts. */
export function AiConformanceRoutes() {
  return (
    <Routes>
      <Route path="/" element={<FleetView />} />
      <Route path="/clusters/:cluster" element={<ClusterView />} />
      <Route path="/model-serving" element={<ModelServingFleetView />} />
      <Route
        path="/clusters/:cluster/capacity"
        element={<ClusterCapacityView />}
      />
      <Route path="/capacity" element={<FleetCapacityPage />} />
      <Route
        path="/requirements/:requirementId"
        element={<RequirementView />}
      />
    </Routes>
  );
}
