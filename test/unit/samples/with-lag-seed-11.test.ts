import { describeHandlingPrograms } from './handling-programs';

describeHandlingPrograms(11);
