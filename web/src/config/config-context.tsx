// Makes the loaded /config.json available to components (the tenant's name before /api/me answers).
import { createContext, type ParentComponent, useContext } from 'solid-js';
import type { AppConfig } from './app-config.ts';

const AppConfigContext = createContext<AppConfig>();

export const AppConfigProvider: ParentComponent<{ value: AppConfig }> = (props) => (
  <AppConfigContext.Provider value={props.value}>{props.children}</AppConfigContext.Provider>
);

export const useAppConfig = (): AppConfig => {
  const config = useContext(AppConfigContext);
  if (!config) throw new Error('useAppConfig() outside <AppConfigProvider>');
  return config;
};
