/** What the `sgp.relatorio_*` procedures return (plugins/sgp/reports). Decimals are exact strings. */

export type DateMode = 'entrada' | 'entrega';

export interface Period {
  inicio?: string;
  fim?: string;
  modo: DateMode;
}

export interface StatusLinha {
  status: string;
  quantidade: number;
  valor_total: string;
}

export interface ClienteLinha {
  id: number | null;
  nome: string;
  quantidade: number;
  valor_total: string;
}

export interface VendedorLinha {
  id: number | null;
  nome: string;
  itens: number;
  pedidos: number;
  metro_quadrado: string;
  valor: string;
}

export interface MesLinha {
  mes: string;
  quantidade: number;
  valor_total: string;
  ticket_medio: string;
}

export interface ValorPeriodo {
  quantidade: number;
  valor_itens: string;
  valor_frete: string;
  valor_total: string;
  ticket_medio: string;
}
