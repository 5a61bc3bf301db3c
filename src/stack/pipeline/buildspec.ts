// The buildspec mycopilot generates for a pipeline's build: install this tool, build and push each image once,
// then `mycopilot svc|job|env package` every stack the stages deploy into infrastructure/, where the deploy
// actions read `<name>-<env>.stack.yml` and `<name>-<env>.params.json`. Pure text generation.
import * as path from 'node:path';
import { stringify } from 'yaml';
import { ARTIFACTS_DIR, GeneratedBuild, ImageBuildStep, PackageStep } from './inputs';

/** Shell variables the generated commands set or CodeBuild provides; only these may expand inside a word. */
const VARIABLES = ['REGISTRY', 'TAG', 'OUT', 'ARTIFACT_BUCKET', 'PARTITION', 'KEY', 'CODEBUILD_SRC_DIR'];
const PLAIN = /^[A-Za-z0-9_./:=@%+,-]+$/;
const EXPANDABLE = new RegExp(`^(?:[A-Za-z0-9_./:=@%+,-]|\\$(?:${VARIABLES.join('|')})\\b)+$`);

/** One shell word: as is when plain, double-quoted when it uses our variables, single-quoted otherwise. */
export function shellWord(word: string): string {
  if (PLAIN.test(word)) return word;
  if (EXPANDABLE.test(word)) return `"${word}"`;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

function command(words: string[]): string {
  return words.map(shellWord).join(' ');
}

/** A path under the source root, for commands that run in the workspace directory. */
function fromRoot(relative: string): string {
  return `$CODEBUILD_SRC_DIR/${relative}`;
}

// The build skips an image whose tag is already pushed: a retried build of the same commit then costs nothing,
// and the repository's immutable tags are never pushed twice.
function imageCommand(step: ImageBuildStep): string {
  const exists = command([
    'aws',
    'ecr',
    'describe-images',
    '--repository-name',
    step.repository,
    '--image-ids',
    `imageTag=${step.tag}`,
  ]);
  const build = [command(['docker', ...step.buildArgs]), ...step.push.map((ref) => command(['docker', 'push', ref]))];
  const label = shellWord(`${step.repository}:${step.tag}`);
  return `if ${exists} >/dev/null 2>&1; then echo ${label} is already pushed; else ${build.join(' && ')}; fi`;
}

// Rewrites one parameter of a TemplateConfiguration file in place (the build image has node: it runs this tool).
const SET_PARAMETER =
  'const fs=require("fs");const [f,k,v]=process.argv.slice(1);const j=JSON.parse(fs.readFileSync(f,"utf8"));' +
  'j.Parameters[k]=v;fs.writeFileSync(f,JSON.stringify(j,null,2)+"\\n")';

function packageCommands(step: PackageStep): string[] {
  const words = ['mycopilot', step.kind, 'package', '--name', step.kind === 'env' ? step.env : step.name];
  if (step.kind !== 'env') words.push('--env', step.env, '--tag', '$TAG');
  const out = [command([...words, '--output-dir', '$OUT'])];
  // env_file: uploaded under a name made of its content hash, as `svc deploy` does, then passed as a parameter.
  for (const { parameter, file } of step.envFiles) {
    const key = `manual/env-files/${step.env}/${step.name}/${path.posix.basename(file)}`;
    out.push(
      `KEY=${shellWord(key)}-$(sha256sum ${shellWord(file)} | cut -c1-16) && ` +
        `${command(['aws', 's3', 'cp', file, 's3://$ARTIFACT_BUCKET/$KEY'])} && ` +
        command([
          'node',
          '-e',
          SET_PARAMETER,
          fromRoot(step.params),
          parameter,
          'arn:$PARTITION:s3:::$ARTIFACT_BUCKET/$KEY',
        ]),
    );
  }
  for (const { from, to } of step.copies) {
    out.push(
      `${command(['mkdir', '-p', fromRoot(path.posix.dirname(to))])} && ${command(['cp', fromRoot(from), fromRoot(to)])}`,
    );
  }
  return out;
}

export function generatedBuildspec(build: GeneratedBuild): string {
  const install = [
    // CodeBuild's standard images carry `n`; older images start on a Node.js too old for this tool.
    `node -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 20 ? 0 : 1)' || n 20`,
    command(['npm', 'install', '--global', `mycopilot@${build.toolVersion}`]),
  ];
  const commands = [
    // The commit's short SHA tags the images, as `svc deploy` tags them.
    'TAG=$(echo "$CODEBUILD_RESOLVED_SOURCE_VERSION" | cut -c1-7); TAG=${TAG:-build-$CODEBUILD_BUILD_NUMBER}',
    `OUT=${shellWord(fromRoot(ARTIFACTS_DIR))} && mkdir -p "$OUT"`,
  ];
  if (build.images.length > 0) {
    commands.push(
      'REGISTRY=$AWS_ACCOUNT_ID.dkr.ecr.$AWS_REGION.$URL_SUFFIX',
      'aws ecr get-login-password --region "$AWS_REGION" | docker login --username AWS --password-stdin "$REGISTRY"',
    );
  }
  if (build.workspaceDir !== '.') commands.push(command(['cd', fromRoot(build.workspaceDir)]));
  commands.push(...build.images.map(imageCommand));
  commands.push(...build.packages.flatMap(packageCommands));
  commands.push('ls -l "$OUT"');
  const doc = {
    version: 0.2,
    env: { shell: 'bash', variables: { CI: 'true', NO_COLOR: '1' } },
    phases: { install: { commands: install }, build: { commands } },
    artifacts: { files: [`${ARTIFACTS_DIR}/*`, ...build.extraArtifacts] },
  };
  return stringify(doc, { lineWidth: 0 });
}

/** The buildspec of the stage's test action: the manifest's `test_commands`, run in the source. */
export function testBuildspec(commands: string[]): string {
  return stringify({ version: 0.2, phases: { build: { commands } } }, { lineWidth: 0 });
}
