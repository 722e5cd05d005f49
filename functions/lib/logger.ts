// One structured JSON logger (Powertools) per function instance. The service name comes
// from POWERTOOLS_SERVICE_NAME; the middy middleware adds the Lambda request id and the
// correlation id (the API Gateway request id) to every line.
import { Logger } from '@aws-lambda-powertools/logger';

export const logger = new Logger();
