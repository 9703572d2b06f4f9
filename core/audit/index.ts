export { recordAudit, diffRows, type AuditOp, type AuditChanges } from './recordAudit.js';
