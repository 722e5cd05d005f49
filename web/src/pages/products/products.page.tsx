// Товары: the product catalogue and its price lists.
import { CatalogueScreen } from '../../features/products/catalogue-screen.tsx';

export const ProductsPage = () => <CatalogueScreen />;
