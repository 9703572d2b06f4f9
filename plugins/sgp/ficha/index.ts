import { defineDocument } from '../generated/model.js';
import { fichaData } from './fichaData.js';
import { fichaPdf } from './fichaPdf.js';

/** Largest side, in pixels, of the item image embedded in the sheet (about 300 dpi at its printed size). */
const IMAGE_PIXELS = 900;

/** "Ficha de produção" of one pedido item, as an A4 PDF. */
export const fichaProducao = defineDocument({
  entity: 'item_pedido',
  label: 'Ficha de produção',
  async render({ ctx, record, files }) {
    const data = await fichaData(ctx, record);
    const body = await fichaPdf(data, await files.imagePng('imagem', IMAGE_PIXELS));
    return { filename: `ficha-${data.numero}-item-${data.itemIndex}.pdf`, contentType: 'application/pdf', body };
  },
});
