export { runCli } from './main';
