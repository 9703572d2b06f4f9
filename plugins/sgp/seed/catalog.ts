/**
 * Invented demo data for the seed. Names of companies and people are made up;
 * e-mails use the reserved `.example` domain so nothing can reach a real inbox.
 */

export type Acabamento = 'overloque' | 'elastico' | 'ilhos' | 'nenhum';

/** How items of one production type are sized and priced. Sizes in millimetres, money in centavos. */
export interface TipoProducaoSpec {
  nome: string;
  descricao: string;
  largura: [number, number];
  altura: [number, number];
  quantidade: [number, number];
  precoM2: number;
  precoMinimo: number;
  materiais: string[];
  acabamentos: Acabamento[];
  /** Printed by sublimation (fabric) rather than eco-solvent ink. */
  sublimado: boolean;
}

export const TIPOS_PRODUCAO: TipoProducaoSpec[] = [
  {
    nome: 'painel',
    descricao: 'Painel em tecido sublimado para estrutura de alumínio',
    largura: [1000, 5000],
    altura: [1000, 3000],
    quantidade: [1, 2],
    precoM2: 9000,
    precoMinimo: 8000,
    materiais: ['tecido oxford', 'tactel', 'helanca light'],
    acabamentos: ['overloque', 'elastico'],
    sublimado: true,
  },
  {
    nome: 'totem',
    descricao: 'Capa de totem em tecido tensionado',
    largura: [800, 1200],
    altura: [1800, 2200],
    quantidade: [1, 3],
    precoM2: 12000,
    precoMinimo: 15000,
    materiais: ['helanca light', 'tactel'],
    acabamentos: ['elastico'],
    sublimado: true,
  },
  {
    nome: 'lona',
    descricao: 'Lona impressa para fachadas e eventos',
    largura: [1000, 6000],
    altura: [600, 3000],
    quantidade: [1, 2],
    precoM2: 5500,
    precoMinimo: 4000,
    materiais: ['lona 440g'],
    acabamentos: ['ilhos'],
    sublimado: false,
  },
  {
    nome: 'adesivo',
    descricao: 'Adesivo vinílico impresso e recortado',
    largura: [100, 1500],
    altura: [100, 1000],
    quantidade: [5, 50],
    precoM2: 7000,
    precoMinimo: 300,
    materiais: ['vinil adesivo'],
    acabamentos: ['nenhum'],
    sublimado: false,
  },
  {
    nome: 'bandeira',
    descricao: 'Bandeira sublimada em tecido leve',
    largura: [900, 2000],
    altura: [600, 1400],
    quantidade: [1, 20],
    precoM2: 8500,
    precoMinimo: 3500,
    materiais: ['tecido oxford', 'malha', 'tactel'],
    acabamentos: ['overloque'],
    sublimado: true,
  },
  {
    nome: 'faixa',
    descricao: 'Faixa para eventos e comunicação visual',
    largura: [2000, 6000],
    altura: [500, 1000],
    quantidade: [1, 5],
    precoM2: 6000,
    precoMinimo: 5000,
    materiais: ['tecido oxford', 'lona 440g'],
    acabamentos: ['ilhos', 'overloque'],
    sublimado: true,
  },
  {
    nome: 'wind banner',
    descricao: 'Wind banner (bandeira vela) com haste',
    largura: [600, 800],
    altura: [2500, 4000],
    quantidade: [1, 6],
    precoM2: 14000,
    precoMinimo: 18000,
    materiais: ['tactel', 'malha'],
    acabamentos: ['overloque'],
    sublimado: true,
  },
  {
    nome: 'almofada',
    descricao: 'Capa de almofada personalizada',
    largura: [300, 500],
    altura: [300, 500],
    quantidade: [10, 60],
    precoM2: 18000,
    precoMinimo: 2500,
    materiais: ['malha', 'helanca light', 'tecido oxford'],
    acabamentos: ['overloque'],
    sublimado: true,
  },
];

export const MATERIAIS: { nome: string; descricao: string }[] = [
  { nome: 'tecido oxford', descricao: 'Tecido 100% poliéster, trama fechada, bom para painéis e bandeiras' },
  { nome: 'tactel', descricao: 'Tecido leve e resistente ao vento' },
  { nome: 'helanca light', descricao: 'Malha elástica para tensionados e totens' },
  { nome: 'lona 440g', descricao: 'Lona frontlight 440 g/m² para impressão eco-solvente' },
  { nome: 'vinil adesivo', descricao: 'Vinil branco brilho para adesivos' },
  { nome: 'malha', descricao: 'Malha poliéster para sublimação' },
];

export const VENDEDORES = ['Carla Menezes', 'Rafael Teixeira', 'Juliana Prado', 'Marcos Albuquerque'];
export const DESIGNERS = ['Bruno Cavalcanti', 'Letícia Rocha', 'Diego Fontana'];
export const FORMAS_PAGAMENTO = ['PIX', 'Boleto', 'Cartão', 'Dinheiro'];

export const FORMAS_ENVIO: { nome: string; valor: string }[] = [
  { nome: 'Retirada', valor: '0.00' },
  { nome: 'Transportadora', valor: '80.00' },
  { nome: 'Motoboy', valor: '25.00' },
];

export type MaquinaKey = 'sublimadora180' | 'sublimadora320' | 'ecosolvente' | 'recorte';

export const MAQUINAS: Record<MaquinaKey, { nome: string; tipo: string; status: 'ativa' | 'inativa' | 'manutencao' }> = {
  sublimadora180: { nome: 'Sublimadora 1,80 m', tipo: 'sublimação', status: 'ativa' },
  sublimadora320: { nome: 'Sublimadora 3,20 m', tipo: 'sublimação', status: 'ativa' },
  ecosolvente: { nome: 'Impressora eco-solvente 1,60 m', tipo: 'impressão eco-solvente', status: 'ativa' },
  recorte: { nome: 'Plotter de recorte', tipo: 'recorte', status: 'manutencao' },
};

export const CLIENTES: { nome: string; cidade: string; estado: string }[] = [
  { nome: 'Eventos Vale Dourado', cidade: 'Campinas', estado: 'SP' },
  { nome: 'Academia Ritmo Forte', cidade: 'Ribeirão Preto', estado: 'SP' },
  { nome: 'Colégio Horizonte Azul', cidade: 'Belo Horizonte', estado: 'MG' },
  { nome: 'Padaria Trigo Nobre', cidade: 'Curitiba', estado: 'PR' },
  { nome: 'Auto Peças Estrela Guia', cidade: 'Goiânia', estado: 'GO' },
  { nome: 'Clínica Sorriso Pleno', cidade: 'Florianópolis', estado: 'SC' },
  { nome: 'Confecções Maré Alta', cidade: 'Fortaleza', estado: 'CE' },
  { nome: 'Buffet Sabor da Serra', cidade: 'Petrópolis', estado: 'RJ' },
  { nome: 'Imobiliária Chave Certa', cidade: 'Uberlândia', estado: 'MG' },
  { nome: 'Pet Shop Patas Felizes', cidade: 'Londrina', estado: 'PR' },
  { nome: 'Farmácia Bem Viver', cidade: 'Recife', estado: 'PE' },
  { nome: 'Surf Shop Onda Boa', cidade: 'Vitória', estado: 'ES' },
  { nome: 'Cervejaria Lúpulo Dourado', cidade: 'Blumenau', estado: 'SC' },
  { nome: 'Escola de Idiomas Ponte Global', cidade: 'Porto Alegre', estado: 'RS' },
  { nome: 'Mercado Família Unida', cidade: 'Feira de Santana', estado: 'BA' },
  { nome: 'Construtora Alicerce Firme', cidade: 'São José dos Campos', estado: 'SP' },
  { nome: 'Studio Pilates Equilíbrio', cidade: 'Niterói', estado: 'RJ' },
  { nome: 'Agência Lumen Marketing', cidade: 'São Paulo', estado: 'SP' },
  { nome: 'Restaurante Tempero Mineiro', cidade: 'Juiz de Fora', estado: 'MG' },
  { nome: 'Feira Agro Cerrado', cidade: 'Rio Verde', estado: 'GO' },
  { nome: 'Associação Esportiva Bairro Alto', cidade: 'Sorocaba', estado: 'SP' },
  { nome: 'Ótica Visão Clara', cidade: 'Natal', estado: 'RN' },
  { nome: 'Salão Beleza Pura', cidade: 'Salvador', estado: 'BA' },
  { nome: 'Hortifrúti Colheita Fresca', cidade: 'Jundiaí', estado: 'SP' },
  { nome: 'Ponto & Cor Comunicação Visual', cidade: 'Maringá', estado: 'PR' },
  { nome: 'Festival Cultural Sol Nascente', cidade: 'Belém', estado: 'PA' },
  { nome: 'Faculdade Saber Mais', cidade: 'Campo Grande', estado: 'MS' },
  { nome: 'Moda Fitness Energia', cidade: 'Joinville', estado: 'SC' },
  { nome: 'Distribuidora Águas Claras', cidade: 'Brasília', estado: 'DF' },
  { nome: 'Clínica Veterinária Amigo Fiel', cidade: 'Cuiabá', estado: 'MT' },
  { nome: 'Trilhas & Aventura Camping', cidade: 'Teresópolis', estado: 'RJ' },
  { nome: 'Sorveteria Gelato Tropical', cidade: 'Maceió', estado: 'AL' },
  { nome: 'Clube de Corrida Passo Largo', cidade: 'Santos', estado: 'SP' },
  { nome: 'Pousada Recanto Verde', cidade: 'Gramado', estado: 'RS' },
  { nome: 'Papelaria Traço Fino', cidade: 'João Pessoa', estado: 'PB' },
  { nome: 'Marcenaria Veio da Madeira', cidade: 'Caxias do Sul', estado: 'RS' },
  { nome: 'Centro Automotivo Roda Viva', cidade: 'Bauru', estado: 'SP' },
  { nome: 'Doceria Açúcar & Afeto', cidade: 'Aracaju', estado: 'SE' },
  { nome: 'Expo Noivas Encanto', cidade: 'Piracicaba', estado: 'SP' },
  { nome: 'Loja de Games Fase Bônus', cidade: 'Manaus', estado: 'AM' },
];

export const TEMAS_ITEM = [
  'logomarca',
  'inauguração',
  'promoção de verão',
  'feira de negócios',
  'aniversário',
  'campanha institucional',
  'fachada',
  'evento esportivo',
  'formatura',
  'Black Friday',
];

export const OBSERVACOES_PEDIDO = [
  'Conferir cores com a prova aprovada pelo cliente.',
  'Entregar no local do evento até as 8h.',
  'Cliente retira pessoalmente.',
  'Arte enviada pelo cliente, não alterar.',
  'Embalar separado por item.',
];

export const OBSERVACOES_PAGAMENTO: Record<string, string> = {
  Boleto: 'Boleto com vencimento em 28 dias.',
  Cartão: 'Parcelado em 3x sem juros.',
  PIX: '50% de entrada, restante na retirada.',
};

export const MOTIVOS_CANCELAMENTO = ['Cliente desistiu do pedido.', 'Pagamento não confirmado.', 'Evento cancelado pelo cliente.', 'Pedido duplicado.'];
