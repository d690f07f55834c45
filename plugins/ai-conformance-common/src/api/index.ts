export type {
  AiConformanceApi,
  AiConformanceRequestOptions,
  ExportProductYamlOptions,
  GetClusterHistoryOptions,
  GetFleetMatrixOptions,
  GetFleetTrendsOptions,
  RunEvaluationOptions,
  RunEvaluationResponse,
} from './AiConformanceApi';
export { AiConformanceClient } from './AiConformanceClient';
export type {
  AiConformanceClientOptions,
  AiConformanceDiscoveryApi,
  AiConformanceFetchApi,
} from './AiConformanceClient';
