import { Route, Routes } from 'react-router-dom';
import { ClusterView } from '../ClusterView';
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
        path="/requirements/:requirementId"
        element={<RequirementView />}
      />
    </Routes>
  );
}
