// Realistic, deterministic demo data: Russian (and some English) company names with valid
// INNs, phones in Russian formats, cities, industries, people with Russian full names. The
// same seed gives the same data, so benchmarks and tests are repeatable. Used by
// `npm run seed`, the benchmarks and the import tests.
import { innWithCheckDigit } from '../../functions/domain/normalize/inn.ts';

/** mulberry32: a small, fast, seedable PRNG. */
export const createRandom = (seed: number) => {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number): number => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T,
    chance: (p: number): boolean => next() < p,
  };
};
export type Random = ReturnType<typeof createRandom>;

const legalForms = ['ООО', 'ООО', 'ООО', 'АО', 'ПАО', 'ИП', 'ЗАО'] as const;
const firstWords = [
  'Ромашка',
  'Восток',
  'Север',
  'Альфа',
  'Вектор',
  'Гранит',
  'Меридиан',
  'Сибирь',
  'Урал',
  'Волга',
  'Стройинвест',
  'Техносервис',
  'Агропром',
  'Энергосбыт',
  'Логистик',
  'Медиагруп',
  'Фармация',
  'Металлторг',
  'Инфотех',
  'Электрон',
  'Кристалл',
  'Бриз',
  'Орбита',
  'Прогресс',
  'Авангард',
  'Горизонт',
  'Лидер',
  'Солнечный',
  'Берёзка',
  'Ёлочка',
  'Радуга',
  'Янтарь',
  'Байкал',
  'Алтай',
  'Кедр',
  'Сокол',
  'Феникс',
  'Нева',
  'Ладога',
  'Каскад',
  'Магистраль',
  'Спектр',
  'Оптима',
  'Профи',
  'Мастер',
  'Пионер',
  'Титан',
] as const;
const secondWords = [
  'Трейд',
  'Групп',
  'Сервис',
  'Плюс',
  'Строй',
  'Маркет',
  'Холдинг',
  'Логистика',
  'Консалтинг',
  'Технологии',
  'Инвест',
  'Снаб',
  'Пром',
  'Девелопмент',
  'Системы',
  'Решения',
  'Дистрибуция',
  'Производство',
] as const;
const englishNames = [
  'Acme',
  'Northwind',
  'Globex',
  'Initech',
  'Umbrella',
  'Stark',
  'Wayne',
  'Contoso',
  'Fabrikam',
  'Tailspin',
] as const;
const englishSuffixes = ['Ltd', 'LLC', 'GmbH', 'Inc'] as const;

export const cities = [
  'Москва',
  'Санкт-Петербург',
  'Новосибирск',
  'Екатеринбург',
  'Казань',
  'Нижний Новгород',
  'Челябинск',
  'Самара',
  'Омск',
  'Ростов-на-Дону',
  'Уфа',
  'Красноярск',
  'Воронеж',
  'Пермь',
  'Волгоград',
  'Краснодар',
  'Тюмень',
  'Ижевск',
  'Иркутск',
  'Хабаровск',
  'Владивосток',
  'Ярославль',
  'Томск',
  'Калининград',
] as const;
export const industries = [
  'Розничная торговля',
  'Оптовая торговля',
  'Строительство',
  'Производство',
  'ИТ и телеком',
  'Логистика',
  'Финансы',
  'Медицина',
  'Образование',
  'Сельское хозяйство',
  'Энергетика',
  'Недвижимость',
  'HoReCa',
] as const;
const streets = [
  'ул. Ленина',
  'пр. Мира',
  'ул. Гагарина',
  'ул. Советская',
  'Невский пр.',
  'ул. Пушкина',
  'ул. Садовая',
  'ш. Энтузиастов',
] as const;
export const tagPool = [
  'vip',
  'ключевой клиент',
  'партнёр',
  'тендер',
  'холодный',
  'реферал',
  'выставка-2026',
  'b2b',
  'экспорт',
] as const;

const maleFirst = [
  'Александр',
  'Дмитрий',
  'Максим',
  'Сергей',
  'Андрей',
  'Алексей',
  'Иван',
  'Михаил',
  'Никита',
  'Олег',
  'Павел',
  'Роман',
  'Артём',
  'Фёдор',
] as const;
const femaleFirst = [
  'Анна',
  'Мария',
  'Елена',
  'Ольга',
  'Наталья',
  'Татьяна',
  'Ирина',
  'Екатерина',
  'Светлана',
  'Юлия',
  'Дарья',
  'Алёна',
] as const;
const maleLast = [
  'Иванов',
  'Смирнов',
  'Кузнецов',
  'Попов',
  'Васильев',
  'Петров',
  'Соколов',
  'Михайлов',
  'Новиков',
  'Фёдоров',
  'Морозов',
  'Волков',
  'Алексеев',
  'Лебедев',
  'Семёнов',
  'Егоров',
] as const;
const patronymicRoots = [
  'Александров',
  'Дмитриев',
  'Сергеев',
  'Андреев',
  'Алексеев',
  'Иванов',
  'Михайлов',
  'Петров',
  'Николаев',
  'Викторов',
] as const;
const jobTitles = [
  'Генеральный директор',
  'Коммерческий директор',
  'Главный бухгалтер',
  'Менеджер по закупкам',
  'Руководитель отдела продаж',
  'Финансовый директор',
  'Офис-менеджер',
  'Технический директор',
  'Юрист',
] as const;
const translit: Record<string, string> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ё: 'e',
  ж: 'zh',
  з: 'z',
  и: 'i',
  й: 'y',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'sch',
  ъ: '',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'yu',
  я: 'ya',
};
const latin = (s: string): string =>
  [...s.toLowerCase()].map((c) => translit[c] ?? (/[a-z0-9]/.test(c) ? c : '')).join('');

/** Russian mobile codes that the numbering plan assigns (930 is not). */
const mobileCodes = Array.from({ length: 90 }, (_, i) => 910 + i).filter((code) => code !== 930);

export type FakeCompany = {
  name: string;
  legalName: string;
  inn: string;
  kpp?: string;
  industry: string;
  city: string;
  address: string;
  phone: string;
  email: string;
  website: string;
  tags: string[];
  leadSource: 'site' | 'cold-call' | 'advertising' | 'referral' | 'event' | 'campaign';
  lifecycleStage: 'lead' | 'prospect' | 'customer' | 'former';
};

export type FakeContact = {
  firstName: string;
  lastName: string;
  middleName: string;
  jobTitle: string;
  phone: string;
  email: string;
  birthday?: string;
};

/** The `index`-th company of the data set with this seed: unique name, INN, phone, e-mail. */
export const fakeCompany = (seed: number, index: number): FakeCompany => {
  const r = createRandom(seed * 1_000_003 + index);
  const english = r.chance(0.08);
  const core = english
    ? `${r.pick(englishNames)} ${r.pick(['Trade', 'Systems', 'Logistics', 'Foods', 'Tech'])}`
    : `${r.pick(firstWords)}${r.chance(0.45) ? ` ${r.pick(secondWords)}` : ''}`;
  // The index makes names and contact points unique at any size.
  const name = english
    ? `${core} ${index} ${r.pick(englishSuffixes)}`
    : `${r.pick(legalForms)} «${core} ${index}»`;
  const inn = innWithCheckDigit(String(100_000_000 + ((index * 7_919) % 899_999_999)).padStart(9, '0'));
  const city = r.pick(cities);
  const domain = `${latin(core.split(' ')[0] ?? 'company')}${index}.example`;
  return {
    name,
    legalName: english ? name : `Общество с ограниченной ответственностью «${core} ${index}»`,
    inn,
    ...(r.chance(0.9) ? { kpp: `${String(r.int(1000, 9999))}01001` } : {}),
    industry: r.pick(industries),
    city,
    address: `${city}, ${r.pick(streets)}, д. ${r.int(1, 150)}`,
    // Unique per index: the code and the first three digits come from it.
    phone: `+7 (${mobileCodes[index % mobileCodes.length]}) ${String(Math.floor(index / mobileCodes.length) % 1000).padStart(3, '0')}-${String(Math.floor(index / (mobileCodes.length * 1000)) % 100).padStart(2, '0')}-${String(r.int(10, 99))}`,
    email: `info@${domain}`,
    website: `https://${domain}`,
    tags: r.chance(0.3) ? [r.pick(tagPool)] : [],
    leadSource: r.pick(['site', 'cold-call', 'advertising', 'referral', 'event', 'campaign'] as const),
    lifecycleStage: r.pick(['lead', 'lead', 'prospect', 'customer', 'customer', 'former'] as const),
  };
};

export const fakeContact = (
  seed: number,
  companyIndex: number,
  n: number,
  companyDomain: string,
): FakeContact => {
  const r = createRandom(seed * 7_368_787 + companyIndex * 31 + n);
  const female = r.chance(0.5);
  const last = r.pick(maleLast);
  const lastName = female ? `${last}а` : last;
  const firstName = female ? r.pick(femaleFirst) : r.pick(maleFirst);
  const middleName = `${r.pick(patronymicRoots)}${female ? 'на' : 'ич'}`;
  return {
    firstName,
    lastName,
    middleName,
    jobTitle: r.pick(jobTitles),
    phone: `8 ${r.pick(mobileCodes)} ${r.int(100, 999)}-${r.int(10, 99)}-${r.int(10, 99)}`,
    email: `${latin(firstName)}.${latin(lastName)}${n}@${companyDomain}`,
    ...(r.chance(0.6)
      ? {
          birthday: `${r.int(1960, 2000)}-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`,
        }
      : {}),
  };
};
