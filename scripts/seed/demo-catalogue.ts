// The demo product catalogue, written through the domain's own functions (createPriceList,
// createProduct, updateProduct, setDealLines: validation, the SKU guard, audit) as an administrator:
// two RUB price lists, the equipment, licences and services an IT integrator sells, with Russian VAT
// rates (22 % since 2026; software licences without VAT), one archived model; and product lines on a
// few open demo deals whose titles fit, so their value follows the lines, with the company's first
// contact as the decision-maker, so a quote can be sent from them at once. A tenant that has a price
// list already gets nothing: running the seed again adds nothing. Imported only after the
// environment points the domain at the tenant's table.
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { companyContactLinkPrefix } from '../../functions/domain/contacts/contact.entity.ts';
import type { DealItem } from '../../functions/domain/deals/deal.entity.ts';
import { updateDeal } from '../../functions/domain/deals/deals.ts';
import {
  createPriceList,
  createProduct,
  listPriceLists,
  updateProduct,
} from '../../functions/domain/products/catalogue.ts';
import { setDealLines } from '../../functions/domain/quotes/deal-lines.ts';
import { db, tableName } from '../../functions/lib/dynamo.ts';
import type { Staff } from './demo-base.ts';

type DemoProduct = {
  readonly name: string;
  readonly sku: string;
  readonly unit: string;
  readonly vatRate: number;
  /** Net price in kopecks in «Базовый»; «Дилерский» takes 12 % off goods (not services). */
  readonly price: number;
  readonly service?: boolean;
  readonly description?: string;
  readonly archived?: boolean;
};

export const demoProducts: readonly DemoProduct[] = [
  {
    name: 'Сервер Dell PowerEdge R750 (2×Xeon Silver 4314, 128 ГБ ОЗУ)',
    sku: 'SRV-R750-128',
    unit: 'шт',
    vatRate: 22,
    price: 1_250_000_00,
    description: 'Стоечный сервер 2U, 2 блока питания, гарантия 3 года',
  },
  {
    name: 'Коммутатор Cisco Catalyst 9200L-24P-4G',
    sku: 'SW-C9200L-24P',
    unit: 'шт',
    vatRate: 22,
    price: 312_000_00,
  },
  { name: 'ИБП APC Smart-UPS 1500 ВА', sku: 'UPS-SMT1500', unit: 'шт', vatRate: 22, price: 74_300_00 },
  {
    name: 'Ноутбук Lenovo ThinkPad T14 Gen 4 (i5, 16 ГБ, 512 ГБ SSD)',
    sku: 'NB-T14G4-16',
    unit: 'шт',
    vatRate: 22,
    price: 118_900_00,
  },
  {
    name: 'Ноутбук Lenovo ThinkPad T14 Gen 3 (i5, 16 ГБ, 512 ГБ SSD)',
    sku: 'NB-T14G3-16',
    unit: 'шт',
    vatRate: 22,
    price: 104_500_00,
    description: 'Снят с производства, заменён на T14 Gen 4',
    archived: true,
  },
  { name: 'Монитор Dell P2423D 23,8"', sku: 'MON-P2423D', unit: 'шт', vatRate: 22, price: 27_490_00 },
  {
    name: 'IP-камера Hikvision DS-2CD2143G2-I 4 Мп',
    sku: 'CAM-2143G2',
    unit: 'шт',
    vatRate: 22,
    price: 12_690_00,
  },
  {
    name: 'Кабель UTP кат. 6, бухта 305 м',
    sku: 'CBL-UTP6-305',
    unit: 'бухта',
    vatRate: 22,
    price: 14_850_00,
  },
  { name: 'Кабель ВВГнг(А)-LS 3×2,5', sku: 'VVG-3X2.5-LS', unit: 'м', vatRate: 22, price: 142_50 },
  {
    name: 'Лицензия 1С:Предприятие 8 ПРОФ на 1 рабочее место',
    sku: '1C-PROF-1',
    unit: 'шт',
    vatRate: 0,
    price: 6_300_00,
    description: 'Без НДС: пп. 26 п. 2 ст. 149 НК РФ',
  },
  {
    name: 'Лицензия CRM на 1 пользователя, 12 месяцев',
    sku: 'CRM-LIC-12M',
    unit: 'шт',
    vatRate: 0,
    price: 9_600_00,
    description: 'Без НДС: пп. 26 п. 2 ст. 149 НК РФ',
  },
  {
    name: 'Монтаж и пусконаладка оборудования',
    sku: 'WRK-INSTALL',
    unit: 'ч',
    vatRate: 22,
    price: 3_200_00,
    service: true,
  },
  {
    name: 'Выезд инженера в пределах МКАД',
    sku: 'WRK-VISIT-MSK',
    unit: 'выезд',
    vatRate: 22,
    price: 4_500_00,
    service: true,
  },
  {
    name: 'Обучение пользователей, группа до 10 человек',
    sku: 'TRN-GROUP-10',
    unit: 'день',
    vatRate: 22,
    price: 38_000_00,
    service: true,
  },
  {
    name: 'Техническая поддержка 24/7',
    sku: 'SUP-247',
    unit: 'мес',
    vatRate: 22,
    price: 65_000_00,
    service: true,
  },
  {
    name: 'Аудит информационной безопасности',
    sku: 'SEC-AUDIT',
    unit: 'компл',
    vatRate: 22,
    price: 280_000_00,
    service: true,
  },
];

/** Open demo deals that get lines: a title, and SKUs with quantity and discount. */
const dealLines: readonly {
  title: string;
  lines: readonly [sku: string, quantity: string, discount?: string][];
}[] = [
  {
    title: 'Поставка серверного оборудования',
    lines: [
      ['SRV-R750-128', '2', '5'],
      ['SW-C9200L-24P', '1'],
      ['UPS-SMT1500', '2'],
      ['WRK-INSTALL', '16'],
    ],
  },
  {
    title: 'Поставка ноутбуков для новых сотрудников',
    lines: [
      ['NB-T14G4-16', '12', '7'],
      ['MON-P2423D', '12', '7'],
    ],
  },
  {
    title: 'Внедрение CRM на 25 рабочих мест',
    lines: [
      ['CRM-LIC-12M', '25', '10'],
      ['TRN-GROUP-10', '3'],
      ['SUP-247', '12'],
    ],
  },
  {
    title: 'Монтаж системы видеонаблюдения',
    lines: [
      ['CAM-2143G2', '24'],
      ['CBL-UTP6-305', '3'],
      ['WRK-INSTALL', '40'],
      ['WRK-VISIT-MSK', '2'],
    ],
  },
];

/** Open deals by creation (gsi4), to find the demo deals by title. */
const openDeals = async (): Promise<DealItem[]> => {
  const { Items = [] } = await db.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: 'gsi4',
      KeyConditionExpression: 'gsi4pk = :pk',
      ExpressionAttributeValues: { ':pk': 'DEAL' },
      ScanIndexForward: false,
      Limit: 500,
    }),
  );
  return (Items as DealItem[]).filter((d) => d.status === 'open' && !d.lines?.length);
};

/** The first contact of a company (its card's link items), if it has one. */
const firstContactOf = async (companyId: string): Promise<string | undefined> => {
  const { Items = [] } = await db.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': `COMPANY#${companyId}`, ':prefix': companyContactLinkPrefix },
      Limit: 1,
    }),
  );
  const contactId = Items[0]?.contactId ?? String(Items[0]?.sk ?? '').slice(companyContactLinkPrefix.length);
  return contactId ? String(contactId) : undefined;
};

export const seedDemoCatalogue = async (options: { staff: readonly Staff[] }) => {
  const none = { priceLists: 0, products: 0, deals: 0 };
  const editor =
    options.staff.find((s) => s.roles.includes('admin')) ??
    options.staff.find((s) => s.roles.includes('sales-manager'));
  if (!editor || (await listPriceLists(editor)).length > 0) return none;

  const base = await createPriceList(editor, { name: 'Базовый', currency: 'RUB' });
  const dealer = await createPriceList(editor, { name: 'Дилерский', currency: 'RUB' });
  const bySku = new Map<string, string>();
  for (const p of demoProducts) {
    const product = await createProduct(editor, {
      name: p.name,
      sku: p.sku,
      unit: p.unit,
      vatRate: p.vatRate,
      ...(p.description ? { description: p.description } : {}),
      prices: {
        [base.id]: p.price,
        ...(p.service ? {} : { [dealer.id]: Math.round((p.price * 88) / 100) }),
      },
    });
    if (p.archived)
      await updateProduct(editor, product.id, { expectedVersion: product.version, archived: true });
    else bySku.set(p.sku, product.id);
  }

  let deals = 0;
  const open = await openDeals();
  for (const plan of dealLines) {
    const deal = open.find((d) => d.title === plan.title);
    if (!deal) continue;
    const owner = options.staff.find((s) => s.userId === deal.ownerId) ?? editor;
    const contactId = deal.contacts.length === 0 ? await firstContactOf(deal.companyId) : undefined;
    const withContact = contactId
      ? await updateDeal(owner, deal.id, {
          expectedVersion: deal.version,
          contacts: [{ contactId, role: 'decision-maker' }],
        })
      : deal;
    await setDealLines(owner, deal.id, {
      expectedVersion: withContact.version,
      priceListId: base.id,
      lines: plan.lines.map(([sku, quantity, discount]) => ({
        productId: bySku.get(sku) as string,
        quantity,
        ...(discount ? { discountPercent: discount } : {}),
      })),
    });
    deals++;
  }
  return { priceLists: 2, products: demoProducts.length, deals };
};
