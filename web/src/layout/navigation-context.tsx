// Hands the navigation items (computed from the route table in app.tsx) to the shell.
import { createContext, type ParentComponent, useContext } from 'solid-js';
import type { NavItem } from './navigation.ts';

const NavigationContext = createContext<readonly NavItem[]>([]);

export const NavigationProvider: ParentComponent<{ items: readonly NavItem[] }> = (props) => (
  <NavigationContext.Provider value={props.items}>{props.children}</NavigationContext.Provider>
);

export const useNavigationItems = (): readonly NavItem[] => useContext(NavigationContext);
