import { describeHandlingPrograms } from './handling-programs';

describeHandlingPrograms(29);
