import { BookOpen } from 'lucide-react';
import { registerCommand, registerScreen } from '../../app/registry.ts';
import { useStore } from '../../state/store.ts';
import { CourseMap } from './CourseMap.tsx';

// The course map: the first screen, and the navigation entry the lesson player belongs to.
registerScreen({ id: 'course', label: 'nav.course', skipLabel: 'app.skipToCourse', icon: BookOpen, component: CourseMap, nav: 0 });

registerCommand({ id: 'open-course', label: 'commands.openCourse', order: 80, run: () => useStore.getState().openScreen('course') });
