export const pluginId = 'ai-conformance';
