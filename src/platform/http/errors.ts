// Every error leaves the server as {"error":{"code","message"}}: a stable code for
// programs and a Chinese message for people. Never a stack trace.

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export const badRequest = (code: string, message: string, details?: unknown) => new AppError(400, code, message, details);
export const unauthorized = (message = '未登录或会话已过期，请重新登录') => new AppError(401, 'UNAUTHENTICATED', message);
export const forbidden = (message = '无权执行此操作') => new AppError(403, 'FORBIDDEN', message);
/** Also used for objects outside the caller's data scope, so ids cannot be probed. */
export const notFound = (message = '记录不存在或无权查看') => new AppError(404, 'NOT_FOUND', message);
export const conflict = (code: string, message: string, details?: unknown) => new AppError(409, code, message, details);
export const unprocessable = (code: string, message: string, details?: unknown) => new AppError(422, code, message, details);

export interface ErrorBody { error: { code: string; message: string; details?: unknown } }
