// /api/products, /api/price-lists and a deal's product lines: thin handlers over
// functions/domain/products and functions/domain/quotes/deal-lines.ts (docs/quotes.md).
import { toDealView } from '../../domain/deals/deal.entity.ts';
import { readPipeline } from '../../domain/pipelines/pipelines.ts';
import {
  createPriceList,
  createProduct,
  getProduct,
  listPriceLists,
  listProducts,
  updatePriceList,
  updateProduct,
} from '../../domain/products/catalogue.ts';
import { toPriceListView } from '../../domain/products/price-list.entity.ts';
import { toProductView } from '../../domain/products/product.entity.ts';
import { setDealLines } from '../../domain/quotes/deal-lines.ts';
import { now } from '../../lib/clock.ts';
import { created, ok, userRoutes } from '../../lib/http.ts';

export const handler = userRoutes({
  'GET /api/products': async ({ query }, principal) => {
    const { items, nextCursor, skuMatch } = await listProducts(principal, query);
    return ok({
      items: items.map(toProductView),
      ...(nextCursor ? { nextCursor } : {}),
      ...(skuMatch ? { skuMatch: toProductView(skuMatch) } : {}),
    });
  },
  'POST /api/products': async ({ body }, principal) =>
    created({ product: toProductView(await createProduct(principal, body)) }),
  'GET /api/products/{id}': async ({ params }, principal) =>
    ok({ product: toProductView(await getProduct(principal, params.id ?? '')) }),
  'PATCH /api/products/{id}': async ({ params, body }, principal) =>
    ok({ product: toProductView(await updateProduct(principal, params.id ?? '', body)) }),
  'GET /api/price-lists': async (_request, principal) =>
    ok({ items: (await listPriceLists(principal)).map(toPriceListView) }),
  'POST /api/price-lists': async ({ body }, principal) =>
    created({ priceList: toPriceListView(await createPriceList(principal, body)) }),
  'PATCH /api/price-lists/{id}': async ({ params, body }, principal) =>
    ok({ priceList: toPriceListView(await updatePriceList(principal, params.id ?? '', body)) }),
  'PUT /api/deals/{id}/lines': async ({ params, body }, principal) => {
    const deal = await setDealLines(principal, params.id ?? '', body);
    const pipeline = await readPipeline(deal.pipelineId).catch(() => undefined);
    return ok({
      deal: toDealView(
        deal,
        now(),
        pipeline?.stages.find((s) => s.id === deal.stageId),
      ),
    });
  },
});
