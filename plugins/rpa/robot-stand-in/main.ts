/**
 * `npm run rpa:robot`: the robot stand-in for the demo, on RPA_ROBOT_PORT
 * (default 8701) with token RPA_ROBOT_TOKEN; RPA_ROBOT_STEP_MS paces the log lines.
 */
import { DEFAULT_STEP_MS, OPERADORAS, startRobotStandIn } from './index.js';

const token = process.env.RPA_ROBOT_TOKEN;
if (!token) {
  console.error('RPA_ROBOT_TOKEN não definido: defina o token que a plataforma usará (o mesmo RPA_ROBOT_TOKEN dela).');
  process.exit(1);
}
const robot = await startRobotStandIn({
  token,
  port: Number(process.env.RPA_ROBOT_PORT ?? 8701),
  host: process.env.RPA_ROBOT_HOST ?? '127.0.0.1',
  stepMs: Number(process.env.RPA_ROBOT_STEP_MS ?? DEFAULT_STEP_MS),
});
console.log(`Robô RPA (stand-in) em ${robot.url} — operadoras: ${OPERADORAS.join(', ')}; na plataforma: RPA_ROBOT_URL=${robot.url}`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void robot.close().then(() => process.exit(0)));
