export { AiConformancePage, NfsAiConformancePage } from './AiConformancePage';
