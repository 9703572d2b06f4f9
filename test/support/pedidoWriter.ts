/**
 * Writers that keep a platform busy while a backup is taken: new pedidos with
 * one to three items, and updates that add an item to an earlier pedido and
 * change its freight, so a torn snapshot would show up as totals that do not
 * match their items.
 */
import type { Api } from './api.js';

let itemCounter = 0;
export function randomItems(count: number) {
  return Array.from({ length: count }, () => ({
    descricao: `Item ${++itemCounter}`,
    quantidade: 1 + (itemCounter % 5),
    valor_unitario: `${10 + (itemCounter % 90)}.${String((itemCounter * 37) % 100).padStart(2, '0')}`,
  }));
}

/** Writes until stopped. */
export function startWriter(api: Api, cliente: number) {
  const mine: any[] = [];
  let stopped = false;
  let writes = 0;
  let wake: (() => void) | undefined;
  const loop = (async () => {
    while (!stopped) {
      if (mine.length > 3 && writes % 3 === 2) {
        const index = writes % mine.length;
        const pedido = mine[index];
        mine[index] = await api.mutate('sgp.pedido.update', {
          id: pedido.id,
          data: { valor_frete: `${writes % 40}.50`, itens: [...pedido.itens.map((i: any) => ({ id: i.id })), ...randomItems(1)] },
        });
      } else {
        // Long notes make the database, and so each copy, big enough for writes to land while it runs.
        const observacao = `Pedido ${writes} `.repeat(400);
        mine.push(await api.mutate('sgp.pedido.create', { data: { cliente, valor_frete: '7.25', observacao, itens: randomItems(1 + (writes % 3)) } }));
      }
      writes++;
      wake?.();
    }
  })();
  return {
    get writes() {
      return writes;
    },
    /** Resolves once the writer has committed `n` more writes. */
    async progress(n: number) {
      const target = writes + n;
      // Racing the loop makes a failed write fail the test instead of waiting forever.
      while (writes < target) await Promise.race([new Promise<void>((resolve) => (wake = resolve)), loop]);
    },
    async stop() {
      stopped = true;
      await loop;
    },
  };
}
