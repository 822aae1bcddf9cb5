/** The in-process scenario suite again, with the real SDK reaching the mock over HTTP (`endpoint: server.url`). */
import { scenarioSuite } from '../unit/support/scenario-suite';
import { useKmsHttpServer } from './support/http-kit';

scenarioSuite(useKmsHttpServer());
