// Keeps the browser tab's title in step with the page and the language: «Уведомления · ООО «Демо»».
import { createEffect } from 'solid-js';
import { useAppConfig } from '../config/config-context.tsx';

export const usePageTitle = (title: () => string): void => {
  const config = useAppConfig();
  createEffect(() => {
    document.title = `${title()} · ${config.tenant.name}`;
  });
};
