// A task definition from a file: describe-task-definition output or a RegisterTaskDefinition input.
import { TaskDefinition } from '../model';
import { parseTaskDefinition } from '../parsers/task-definition';
import { readJsonFile } from './read-json';

export function loadTaskDefinitionFile(file: string): TaskDefinition {
  return parseTaskDefinition(
    readJsonFile(file, 'describe-task-definition output or a RegisterTaskDefinition input'),
    file,
  );
}
