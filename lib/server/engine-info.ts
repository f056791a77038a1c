import "server-only";
export { getEngineInfo, type EngineInfo } from "./engine";
