import { RestClient } from './client/rest';
import { credentialsFromKubeconfig } from './kubeconfig';
const [, , path, ctx = 'admin', kc = '/work/main/.local-cluster/clusters/default/kubeconfig'] = process.argv;
const c = new RestClient(credentialsFromKubeconfig(kc, ctx), 2);
c.get(path).then(r => { console.log(JSON.stringify(r, null, 1)); c.close(); }, e => { console.log(e.message); c.close(); });
