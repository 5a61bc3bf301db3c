// Placement preview: where ECS would put each task of a request on EC2 capacity, and why (or why not).
// Pure logic; files and the live cluster are read only by sources/.
export * from './model';
export * from './cql';
export { NoteSink } from './notes';
export { SeededRandom } from './rng';
export { ENI_LIMITS, eniSlotsFor, type EniSlots } from './eni-limits';
export * from './registry';
export { createPlacementRegistry } from './builtins';
export {
  compileRequest,
  compileScaleIn,
  taskGroupOf,
  PlacementRequestError,
  MAX_STRATEGIES,
  MAX_CONSTRAINTS,
  RUN_TASK_MAX_COUNT,
  type CompiledRequest,
  type CompiledStrategy,
  type CompiledConstraint,
} from './validate';
export { MAX_EXPRESSION_LENGTH } from './constraints/member-of';
export { previewPlacement, DEFAULT_SEED, type PreviewOptions } from './engine/run';
export { previewScaleIn, ScaleInResult, type TaskStop, type ScaleInJson } from './scale-in';
export * from './result';
export { renderPlacement, renderScaleIn, type RenderOptions } from './render';
export { parseContainerInstances } from './parsers/container-instances';
export { parseTasks } from './parsers/tasks';
export { parseTaskDefinition } from './parsers/task-definition';
export { type InstanceSource } from './sources/instance-source';
export { SnapshotFileSource, loadSnapshotFiles, snapshotFromJson, type SnapshotFiles } from './sources/snapshot-file';
export { LiveClusterSource, type EcsClusterReader } from './sources/live-cluster';
export { loadTaskDefinitionFile } from './sources/task-definition-file';
export { loadPlugin, type PlacementPluginApi } from './sources/plugin';
