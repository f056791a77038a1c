export { createOfflinePort, OFFLINE_MODELS, type OfflinePortOptions } from "./port";
export { classify, classifyWithSignals, KIND_LABEL, type Classification, type DocumentKind } from "./classify";
export { buildPlan, trimToMax, steersOf } from "./plan-builder";
