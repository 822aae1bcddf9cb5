import { describeHandlingPrograms } from './handling-programs';

describeHandlingPrograms();
