// The environment render reads its workloads: the certificate for the application's domain names the public aliases
// of the services, those of their Network Load Balancers included, and offline the application is assumed to have a
// domain when such aliases need one.
import { renderEnvironment } from '../../../src/deploy/render';
import { Workspace } from '../../../src/workspace/workspace';
import { writeFiles } from '../../helpers/cli';

function workspace(service: string[]): Workspace {
  return Workspace.require(
    writeFiles({
      'copilot/.workspace': 'application: shop\n',
      'copilot/environments/test/manifest.yml': 'name: test\ntype: Environment\n',
      'copilot/web/manifest.yml': [
        'name: web',
        'type: Load Balanced Web Service',
        'image:',
        '  location: nginx',
        '  port: 80',
        ...service,
        '',
      ].join('\n'),
    }),
  );
}

describe('renderEnvironment and the application domain', () => {
  it("names the services' ALB and NLB aliases in the environment's certificate", async () => {
    const ws = workspace([
      'http:',
      '  path: /',
      '  alias: www.example.com',
      'nlb:',
      '  port: 443/tls',
      '  alias: tcp.example.com',
    ]);
    const stack = await renderEnvironment({ workspace: ws, app: 'shop', env: 'test' });
    const certificate = stack.template.Resources.HTTPSCert.Properties as { SubjectAlternativeNames: unknown[] };
    expect(certificate.SubjectAlternativeNames.slice(1)).toEqual(['tcp.example.com', 'www.example.com']);
    // CloudFront would answer for the load balancer's aliases only, not the NLB's (and here there is no CDN).
    expect(stack.template.Parameters!.Aliases).toBeUndefined();
  });

  it('assumes a domain offline for NLB aliases alone, and none without aliases', async () => {
    const nlbOnly = await renderEnvironment({
      workspace: workspace(['http: false', 'nlb:', '  port: 80/tcp', '  alias: tcp.example.com']),
      app: 'shop',
      env: 'test',
    });
    expect(nlbOnly.template.Resources.HTTPSCert).toBeDefined();
    const plain = await renderEnvironment({ workspace: workspace(['http:', '  path: /']), app: 'shop', env: 'test' });
    expect(plain.template.Resources.HTTPSCert).toBeUndefined();
  });
});
