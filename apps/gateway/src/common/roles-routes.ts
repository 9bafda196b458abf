import 'reflect-metadata';
import { RequestMethod, type DynamicModule, type Type } from '@nestjs/common';
import { METHOD_METADATA, MODULE_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ROLES_KEY, type Role } from './roles';

export interface DeclaredRoute {
  method: string;
  /** Express-style path: `/api/v1/acts/:id`. */
  path: string;
  handler: string;
  /** The roles declared on the handler, else on its controller; undefined when none. */
  roles: Role[] | undefined;
}

/** Every route of a module tree and the roles it declares, read from Nest's metadata (for tests and audits of the route table). */
export function declaredRoutes(module: DynamicModule | Type): DeclaredRoute[] {
  return controllersOf(module).flatMap((controller) => {
    const base = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
    const classRoles = Reflect.getMetadata(ROLES_KEY, controller) as Role[] | undefined;
    const proto = controller.prototype as Record<string, unknown>;
    return Object.getOwnPropertyNames(proto)
      .filter((name) => name !== 'constructor' && typeof proto[name] === 'function' && Reflect.hasMetadata(PATH_METADATA, proto[name] as object))
      .flatMap((name) => {
        const handler = proto[name] as object;
        const paths = [Reflect.getMetadata(PATH_METADATA, handler) as string | string[]].flat();
        return paths.map((p) => ({
          method: RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number],
          path: `/${[base, p].map((s) => s.replace(/^\/+|\/+$/g, '')).filter(Boolean).join('/')}`,
          handler: `${controller.name}.${name}`,
          roles: (Reflect.getMetadata(ROLES_KEY, handler) as Role[] | undefined) ?? classRoles,
        }));
      });
  });
}

function controllersOf(module: DynamicModule | Type, seen = new Set<unknown>()): Type[] {
  const moduleClass = 'module' in module ? module.module : module;
  if (seen.has(moduleClass)) return [];
  seen.add(moduleClass);
  const dynamic: DynamicModule | undefined = 'module' in module ? module : undefined;
  const controllers = [...(dynamic?.controllers ?? []), ...((Reflect.getMetadata(MODULE_METADATA.CONTROLLERS, moduleClass) as Type[] | undefined) ?? [])];
  const imports = [...(dynamic?.imports ?? []), ...((Reflect.getMetadata(MODULE_METADATA.IMPORTS, moduleClass) as Type[] | undefined) ?? [])];
  return [...controllers, ...imports.flatMap((m) => controllersOf(m as DynamicModule | Type, seen))];
}
