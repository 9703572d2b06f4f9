/**
 * The shop-floor terminal: an operator identifies with their code (typed or
 * scanned), then works their queue: start, pause, resume and finish OFs with a
 * running timer, beside what runs on every machine now. The operator is
 * remembered for this browser session until someone presses "trocar operador".
 */
import { useCallback, useState } from 'react';
import { OnMachinePanel } from './OnMachinePanel.js';
import { OperatorLogin } from './OperatorLogin.js';
import { OperatorShift } from './OperatorShift.js';
import './shopFloor.css';

const OPERATOR_KEY = 'laser.shopFloor.operador';

function storedOperator(): string | null {
  try {
    return sessionStorage.getItem(OPERATOR_KEY);
  } catch {
    return null;
  }
}

function rememberOperator(codigo: string | null): void {
  try {
    if (codigo === null) sessionStorage.removeItem(OPERATOR_KEY);
    else sessionStorage.setItem(OPERATOR_KEY, codigo);
  } catch {
    // Without storage (a locked-down browser) the operator lasts until the page reloads.
  }
}

export function ShopFloorPage() {
  const [codigo, setCodigo] = useState(storedOperator);
  const [problem, setProblem] = useState<string | null>(null);
  const identify = (code: string) => {
    rememberOperator(code);
    setProblem(null);
    setCodigo(code);
  };
  const leave = useCallback((reason: string | null) => {
    rememberOperator(null);
    setProblem(reason);
    setCodigo(null);
  }, []);
  return (
    <div className="shop-floor">
      {codigo ? (
        <OperatorShift codigo={codigo} onLeave={leave} />
      ) : (
        <>
          <OperatorLogin problem={problem} onSubmit={identify} />
          <OnMachinePanel />
        </>
      )}
    </div>
  );
}
