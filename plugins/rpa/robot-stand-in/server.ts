/**
 * The robot API's HTTP surface (CONTRACTS.md §7), answered the way the real
 * service answers: Bearer token on every call, JSON, FastAPI-style `detail`
 * on refusals.
 */
import express, { type NextFunction, type Request, type Response } from 'express';
import type { RobotJob, RobotJobs } from './jobs.js';
import { checkDownloadPayload, checkSatPayload } from './payloads.js';
import { downloadScript, isUnstable, OPERADORAS, satScript } from './scripts.js';

export function robotApp(token: string, jobs: RobotJobs): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.use(requireToken(token));
  app.use(express.json({ limit: '100kb' }));

  app.post('/executar/sat', (req, res) => {
    const checked = checkSatPayload(req.body);
    if (!checked.ok) return void res.status(422).json({ detail: checked.problems });
    const job = jobs.start({ kind: 'sat', operadora: checked.payload.operadora.toLowerCase(), payload: checked.payload }, (id) =>
      satScript(id, checked.payload),
    );
    res.status(202).json({ job_id: job.id });
  });

  app.post('/executar/:operadora', (req, res) => {
    const operadora = String(req.params.operadora);
    if (!(OPERADORAS as readonly string[]).includes(operadora)) return void res.status(404).json({ detail: `Operadora não suportada: ${operadora}` });
    const checked = checkDownloadPayload(req.body);
    if (!checked.ok) return void res.status(422).json({ detail: checked.problems });
    const job = jobs.start({ kind: 'download', operadora, payload: checked.payload }, (id) => downloadScript(id, operadora, checked.payload));
    res.status(202).json({ job_id: job.id });
  });

  app.use('/jobs/:id', (req, res, next) => {
    const job = jobs.get(String(req.params.id));
    if (!job) return void res.status(404).json({ detail: 'Job não encontrado' });
    if (jobs.touch(job.id, isUnstable(job.operadora)) === 'refused') return void res.status(503).json({ detail: 'Serviço temporariamente indisponível' });
    res.locals.job = job;
    next();
  });

  app.get('/jobs/:id', (_req, res) => {
    const { id, status, result, error } = res.locals.job as RobotJob;
    res.json({ job_id: id, status, ...(result && { result }), ...(error && { error }) });
  });

  app.get('/jobs/:id/logs', (req, res) => {
    const job = res.locals.job as RobotJob;
    const desde = Number(req.query.desde ?? 0);
    if (!Number.isInteger(desde) || desde < 0) return void res.status(422).json({ detail: [{ campo: 'desde', mensagem: 'deve ser um inteiro ≥ 0' }] });
    const logs = job.logs.filter((l) => l.seq > desde);
    res.json({ logs, proximo: logs.at(-1)?.seq ?? desde });
  });

  app.get('/jobs/:id/arquivo', (_req, res) => {
    const job = res.locals.job as RobotJob;
    if (job.kind !== 'download' || !job.pdf || !job.result || !('valor' in job.result))
      return void res.status(404).json({ detail: 'Arquivo não disponível para este job' });
    res.status(200).type('application/pdf').set('Content-Disposition', `attachment; filename="${job.result.nome_arquivo}"`).send(job.pdf);
  });

  app.use((_req, res) => {
    res.status(404).json({ detail: 'Not Found' });
  });
  // A body that is not JSON: refused as the real service refuses it, in JSON.
  app.use((error: Error & { status?: number }, _req: Request, res: Response, _next: NextFunction) => {
    res.status(error.status ?? 500).json({ detail: error.message });
  });
  return app;
}

function requireToken(token: string) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.get('authorization') === `Bearer ${token}`) return next();
    res.status(401).set('WWW-Authenticate', 'Bearer').json({ detail: 'Token de acesso inválido ou ausente' });
  };
}
