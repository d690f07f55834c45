// The fleet matrix and the trends are REST shapes: generated from the backend's openapi.yaml
// (`yarn generate:api`, src/schema/openapi/generated). A matrix row's `cells` and a trend
// point's `byProvider` are keyed by requirement id and by `ClusterProvider`.
export type {
  FleetMatrix,
  FleetMatrixCell,
  FleetMatrixColumn,
  FleetMatrixRow,
  FleetTrends,
  FleetTrendsBucketEnum,
  TrendFigures,
  TrendPoint,
  TrendRegression,
  TrendRegressionKindEnum,
} from './schema/openapi/generated';
