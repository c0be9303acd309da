package backstep.bench;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.Map;

/**
 * Flyway and Liquibase, driven through their public Java APIs by reflection. They are on the classpath only with
 * {@code -Pbench}; calling them reflectively keeps {@code src/test/java} compiling in the default build, where they
 * are absent (the benchmark is never run there). Each method is the moral equivalent of the commented code.
 */
final class Rivals {
  private Rivals() {}

  /**
   * {@code Flyway.configure().dataSource(url, user, password).locations("filesystem:" + dir).load().migrate()};
   * returns the number of migrations executed.
   */
  static int flywayMigrate(String url, String user, String password, Path migrations) throws Exception {
    try {
      Object cfg = Class.forName("org.flywaydb.core.Flyway").getMethod("configure").invoke(null);
      cfg = cfg.getClass().getMethod("dataSource", String.class, String.class, String.class)
          .invoke(cfg, url, user, password);
      cfg = cfg.getClass().getMethod("locations", String[].class)
          .invoke(cfg, (Object) new String[] {"filesystem:" + migrations.toAbsolutePath()});
      Object flyway = cfg.getClass().getMethod("load").invoke(cfg);
      Object result = flyway.getClass().getMethod("migrate").invoke(flyway);
      if (!result.getClass().getField("success").getBoolean(result)) {
        throw new IllegalStateException("Flyway migrate reported failure");
      }
      return result.getClass().getField("migrationsExecuted").getInt(result);
    } catch (InvocationTargetException e) {
      throw unwrap(e);
    }
  }

  /**
   * Liquibase {@code update} through the command API:
   * <pre>
   * Scope.child(Map.of(resourceAccessor, new DirectoryResourceAccessor(dir), ui, new LoggerUIService()),
   *     () -&gt; new CommandScope("update").addArgumentValue("changelogFile", changelog)
   *         .addArgumentValue("url", url).addArgumentValue("username", user).addArgumentValue("password", pw)
   *         .addArgumentValue("showSummary", UpdateSummaryEnum.OFF).execute());
   * </pre>
   */
  static void liquibaseUpdate(String url, String user, String password, Path dir, String changelog)
      throws Exception {
    ClassLoader cl = Rivals.class.getClassLoader();
    Class<?> scope = Class.forName("liquibase.Scope", true, cl);
    Class<?> runner = Class.forName("liquibase.Scope$ScopedRunner", true, cl);
    Object accessor = Class.forName("liquibase.resource.DirectoryResourceAccessor", true, cl)
        .getConstructor(Path.class).newInstance(dir);
    Object ui = Class.forName("liquibase.ui.LoggerUIService", true, cl).getConstructor().newInstance();
    Object body = Proxy.newProxyInstance(cl, new Class<?>[] {runner}, (proxy, m, args) -> {
      if (!m.getName().equals("run")) {
        return m.getName().equals("hashCode") ? System.identityHashCode(proxy)
            : m.getName().equals("equals") ? proxy == args[0] : "liquibase update";
      }
      Class<?> cs = Class.forName("liquibase.command.CommandScope", true, cl);
      Object cmd = cs.getConstructor(String[].class).newInstance((Object) new String[] {"update"});
      Method add = cs.getMethod("addArgumentValue", String.class, Object.class);
      add.invoke(cmd, "changelogFile", changelog);
      add.invoke(cmd, "url", url);
      add.invoke(cmd, "username", user);
      add.invoke(cmd, "password", password);
      add.invoke(cmd, "showSummary", summaryOff(cl));
      cs.getMethod("execute").invoke(cmd);
      return null;
    });
    try {
      scope.getMethod("child", Map.class, runner).invoke(null, Map.of("resourceAccessor", accessor, "ui", ui), body);
    } catch (InvocationTargetException e) {
      throw unwrap(e);
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Object summaryOff(ClassLoader cl) throws ClassNotFoundException {
    return Enum.valueOf((Class<? extends Enum>) Class.forName("liquibase.UpdateSummaryEnum", true, cl), "OFF");
  }

  private static Exception unwrap(InvocationTargetException e) {
    Throwable t = e;
    while (t instanceof InvocationTargetException ite && ite.getCause() != null) {
      t = ite.getCause();
    }
    if (t instanceof java.lang.reflect.UndeclaredThrowableException u && u.getCause() != null) {
      t = u.getCause();
    }
    return t instanceof Exception ex ? ex : new RuntimeException(t);
  }
}
