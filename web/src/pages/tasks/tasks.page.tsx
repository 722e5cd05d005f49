// Задачи: my tasks for today, overdue and upcoming; /tasks/:id opens one task (a reminder's link).
import { useParams } from '@solidjs/router';
import { TasksScreen } from '../../features/tasks/tasks-screen.tsx';

export const TasksPage = () => {
  const params = useParams();
  return <TasksScreen openTaskId={params.id} />;
};
