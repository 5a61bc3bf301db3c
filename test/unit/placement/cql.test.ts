// Cluster Query Language: the cases of scenarios.json, every operator and word form, syntax errors with their
// 1-based column, and the open cases, which must produce a note instead of a silent guess.
import { CqlSyntaxError, evaluateCql, NoteSink, parseCql, plainCqlInstance } from '../../../src/placement';
import { scenarioFile } from './scenario-adapter';

function matches(expression: string, inst: Parameters<typeof plainCqlInstance>[0], notes?: NoteSink): boolean {
  return evaluateCql(parseCql(expression), plainCqlInstance(inst), notes);
}

function syntaxError(expression: string): CqlSyntaxError {
  try {
    parseCql(expression);
  } catch (e) {
    if (e instanceof CqlSyntaxError) return e;
    throw e;
  }
  throw new Error(`expected a syntax error for ${expression}`);
}

describe('CQL cases from scenarios.json', () => {
  it.each(scenarioFile.cqlCases.map((c) => [c.expression, c] as const))('%s', (_e, c) => {
    expect(matches(c.expression, c.instance)).toBe(c.matches);
  });
});

describe('CQL open cases are reported, not guessed silently', () => {
  it.each(scenarioFile.cqlOpenCases.map((c) => [c.expression, c] as const))('%s', (_e, c) => {
    const expr = parseCql(c.expression);
    const notes = new NoteSink();
    notes.addAll(expr.notes);
    if (c.instance) evaluateCql(expr, plainCqlInstance(c.instance), notes);
    expect(notes.list().length).toBeGreaterThan(0);
  });

  it('reads and tighter than or, and says so', () => {
    const e = parseCql('attribute:a == 1 or attribute:b == 2 and attribute:c == 3');
    expect(e.root.kind).toBe('or');
    expect(e.notes.join()).toMatch(/precedence/);
    expect(matches('attribute:a == 1 or attribute:b == 2 and attribute:c == 3', { attributes: { a: '1' } })).toBe(true);
    expect(parseCql('(attribute:a == 1 or attribute:b == 2) and attribute:c == 3').notes).toEqual([]);
  });

  it('applies =~ as a full match, noting where find() would differ', () => {
    const notes = new NoteSink();
    expect(
      matches('attribute:ecs.instance-type =~ t2', { attributes: { 'ecs.instance-type': 't2.small' } }, notes),
    ).toBe(false);
    expect(notes.list().join()).toMatch(/full match/);
    const quiet = new NoteSink();
    expect(
      matches('attribute:ecs.instance-type =~ t2.*', { attributes: { 'ecs.instance-type': 't2.small' } }, quiet),
    ).toBe(true);
    expect(quiet.list()).toEqual([]);
  });

  it('compares agentVersion as a version, noting when text order differs', () => {
    const notes = new NoteSink();
    expect(matches('agentVersion < 1.14.5', { agentVersion: '1.9.0' }, notes)).toBe(true);
    expect(notes.list().join()).toMatch(/as text/);
  });

  it('treats a missing attribute as not matching !=, with a note', () => {
    const notes = new NoteSink();
    expect(matches('attribute:stack != prod', { attributes: {} }, notes)).toBe(false);
    expect(notes.list().join()).toMatch(/without attribute stack/);
    expect(matches('attribute:stack != prod', { attributes: { stack: 'dev' } })).toBe(true);
  });

  it('reads a date-only registeredAt as midnight UTC, with a note', () => {
    const e = parseCql('registeredAt < 2018-02-13');
    expect(e.notes.join()).toMatch(/midnight UTC/);
    expect(evaluateCql(e, plainCqlInstance({ registeredAt: '2018-02-12T23:30:00-05:00' }))).toBe(false);
    expect(evaluateCql(e, plainCqlInstance({ registeredAt: '2018-02-12T23:30:00Z' }))).toBe(true);
  });
});

describe('CQL operators and subjects', () => {
  const inst = {
    ec2InstanceId: 'i-abcd1234',
    attributes: { 'ecs.instance-type': 't2.small', 'ecs.availability-zone': 'us-east-1a', size: '10', stack: 'prod' },
    runningTasksCount: 3,
    agentConnected: true,
    agentVersion: '1.14.5',
    registeredAt: '2018-06-18T22:28:28+00:00',
    taskGroups: ['service:production', 'family:batch'],
  };
  it.each([
    ['attribute:stack == prod', true],
    ['attribute:stack equals prod', true],
    ['attribute:stack != prod', false],
    ['attribute:stack not_equals dev', true],
    ['attribute:size > 9', true],
    ['attribute:size greater_than 10', false],
    ['attribute:size >= 10', true],
    ['attribute:size greater_than_equal 11', false],
    ['attribute:size < 11', true],
    ['attribute:size less_than 10', false],
    ['attribute:size <= 10', true],
    ['attribute:size less_than_equal 9', false],
    ['attribute:stack exists', true],
    ['attribute:nothing exists', false],
    ['attribute:nothing !exists', true],
    ['attribute:stack not_exists', false],
    ['attribute:stack in [dev, prod]', true],
    ['attribute:stack !in [dev, prod]', false],
    ['attribute:stack not_in [dev, test]', true],
    ["attribute:ecs.instance-type =~ 't2\\.(small|medium)'", true],
    ['attribute:ecs.instance-type =~ t[23].*', true],
    ['attribute:ecs.instance-type matches (t2|m5).*', true],
    ['attribute:ecs.instance-type !~ m5.*', true],
    ['attribute:ecs.instance-type not_matches t2.*', false],
    ["ec2InstanceId in ['i-abcd1234', 'i-wxyx7890']", true],
    ['ec2InstanceId == i-abcd1234', true],
    ['ec2InstanceId =~ i-abcd.*', true],
    ['runningTasksCount == 3', true],
    ['runningTasksCount > 2 && runningTasksCount < 4', true],
    ['runningTasksCount in [1, 2]', false],
    ['agentConnected == true', true],
    ['agentConnected != true', false],
    ['agentVersion >= 1.14.5', true],
    ['agentVersion > 1.14', true],
    ['agentVersion == 1.14.5', true],
    ['registeredAt > 2018-06-18', true],
    ['registeredAt < 2018-06-18T22:28:29Z', true],
    ['registeredAt == 2018-06-18T22:28:28', true],
    ['registeredAt >= 2018-06-19T00:00:00+02:00', true],
    ['task:group == service:production', true],
    ['task:group != service:production', false],
    ['task:group in [database, family:batch]', true],
    ['task:group =~ family:.*', true],
    ['task:group !~ service:.*', false],
    ['task:group exists', true],
    ['not(task:group == database)', true],
    ['!(task:group == database)', true],
    ['not task:group == service:production', false],
    ['attribute:stack == prod || attribute:stack == dev', true],
    ['attribute:stack == dev or (attribute:size == 10 and not(attribute:stack == dev))', true],
    ["attribute:stack == 'prod'", true],
    ["attribute:stack in ['a b', 'prod']", true],
    ['attribute:stack==prod&&attribute:size==10', true],
  ])('%s → %s', (expression, want) => {
    expect(matches(expression, inst)).toBe(want);
  });

  it('knows which expressions depend on task state', () => {
    expect(parseCql('attribute:a == b').dependsOnTaskState).toBe(false);
    expect(parseCql('attribute:a == b and not(task:group == x)').dependsOnTaskState).toBe(true);
    expect(parseCql('runningTasksCount < 3').dependsOnTaskState).toBe(true);
  });

  it('notes the reading of task:group != X', () => {
    expect(parseCql('task:group != database').notes.join()).toMatch(/runs no task of group/);
  });

  it('matches task:group == X on an instance without tasks as false, and its negation as true', () => {
    expect(matches('task:group == database', {})).toBe(false);
    expect(matches('not(task:group == database)', {})).toBe(true);
    expect(matches('task:group exists', {})).toBe(false);
  });
});

describe('CQL syntax errors carry the column and what was expected', () => {
  it.each([
    ['attribute:x foo', 13, /an operator/],
    ['attribute:x ==', 15, /a value after '=='/],
    ['(attribute:x == 1', 18, /'\)' to close the '\(' at column 1/],
    ['attribute:x in a', 16, /'\[' to start the list/],
    ['runningTasksCount > abc', 21, /whole number/],
    ['foo == 1', 1, /a subject/],
    ['attribute:x == 1 attribute:y == 2', 18, /'and', 'or' or the end/],
    ['attribute:x = 1', 13, /'==' or '=~'/],
    ['attribute:x in [a, b', 21, /',' or '\]'/],
    ['registeredAt > yesterday', 16, /a date/],
    ["attribute:x == 'abc", 20, /closing '/],
    ['', 1, /a subject/],
    ["attribute:x =~ '['", 16, /regular expression/],
    ['agentConnected > true', 16, /one of ==, !=/],
    ['attribute: == 1', 11, /attribute name/],
    ['attribute:x == 1 and', 21, /a subject/],
    ['attribute:x == 1)', 17, /closes nothing/],
    ['attribute:x == [a]', 16, /a list needs 'in'/],
    ['attribute:x & attribute:y', 13, /'&&'/],
    ['agentVersion > latest', 16, /dotted numbers/],
  ])('%s → column %d', (expression, column, expected) => {
    const e = syntaxError(expression);
    expect(e.column).toBe(column);
    expect(e.message).toMatch(expected);
    expect(e.message).toContain(`column ${column}`);
    expect(e.code).toBe('PLACEMENT');
    // The hint shows the expression with a caret under the column.
    const [line, caret] = e.hint!.split('\n');
    expect(line).toBe(expression);
    expect(caret.length).toBe(column);
  });

  it('points into long expressions', () => {
    const long = `attribute:x in [${Array.from({ length: 60 }, (_, i) => `v${i}`).join(', ')}] and attribute:y ~ 2`;
    const e = syntaxError(long);
    expect(e.column).toBe(long.indexOf('~ 2') + 1);
    expect(e.hint).toContain('^');
  });
});
