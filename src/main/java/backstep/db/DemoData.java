package backstep.db;

import java.text.Normalizer;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The demo shop's rows, generated from a fixed seed so that every target (PostgreSQL, MySQL, MariaDB) and every
 * machine gets exactly the same data. Ids follow creation time, as in a real shop.
 */
record DemoData(List<Customer> customers, List<Order> orders, List<Flag> flags) {
  static final int CUSTOMERS = 20_000;
  static final int ORDERS = 60_000;
  private static final long SEED = 20230101L;
  private static final LocalDateTime START = LocalDateTime.of(2023, 1, 1, 0, 0);
  private static final LocalDateTime END = LocalDateTime.of(2026, 1, 1, 0, 0);
  private static final int SPAN_SECONDS = (int) Duration.between(START, END).toSeconds();

  private static final String[] FIRST_NAMES = {
    "Maria", "James", "Wei", "Aisha", "Lukas", "Sofia", "Mohammed", "Emma", "Hiroshi", "Olivia",
    "Carlos", "Anna", "Raj", "Chloé", "Liam", "Fatima", "Mateo", "Yuki", "Noah", "Ingrid",
    "Diego", "Priya", "Jonas", "Zoe", "Ahmed", "Lucía", "Pierre", "Mia", "Kwame", "Elena",
    "Tomasz", "Hannah", "Arjun", "Isabella", "Sven", "Amara", "Luca", "Nora", "Javier", "Leila",
    "Oliver", "Ana", "Daniel", "Mei", "Felix", "Sara", "Kofi", "Julia", "Ravi", "Camille"};
  private static final String[] LAST_NAMES = {
    "Garcia", "Smith", "Müller", "Chen", "Kowalski", "Rossi", "Silva", "Johnson", "Khan", "Dubois",
    "Nguyen", "Patel", "Schmidt", "Jansen", "Martínez", "Brown", "Okafor", "Tanaka", "Novak", "Andersson",
    "Lopez", "Williams", "Fischer", "Kim", "Moreau", "Costa", "Wilson", "Singh", "Bianchi", "Hernández",
    "Nielsen", "Taylor", "O'Brien", "Yilmaz", "Santos", "Weber", "Ivanova", "Murphy", "Haddad", "Sato",
    "Kumar", "Lefebvre", "Jones", "Mensah", "Ferrari", "Petrov", "Walker", "Romero", "Lindqvist", "Alves"};
  private static final String[] FIRST_SLUGS = slugs(FIRST_NAMES);
  private static final String[] LAST_SLUGS = slugs(LAST_NAMES);
  private static final Weighted COUNTRIES = new Weighted(
      new String[] {"US", "GB", "DE", "FR", "ES", "IT", "NL", "BR", "IN", "MX", "CA", "PL"},
      new int[] {24, 10, 10, 8, 7, 6, 5, 8, 8, 5, 5, 4});
  private static final Weighted STATUSES = new Weighted(
      new String[] {"pending", "paid", "shipped", "delivered", "refunded", "cancelled"},
      new int[] {8, 10, 12, 52, 8, 10});

  record Customer(long id, String fullName, String email, String country, LocalDateTime createdAt) {}

  record Order(long id, long customerId, String status, long totalCents, LocalDateTime createdAt) {}

  record Flag(String name, boolean enabled, LocalDateTime updatedAt) {}

  static DemoData generate() {
    Random random = new Random(SEED);
    List<Customer> customers = customers(random);
    return new DemoData(customers, orders(random, customers), featureFlags());
  }

  private static List<Customer> customers(Random random) {
    List<LocalDateTime> created = new ArrayList<>(CUSTOMERS);
    for (int i = 0; i < CUSTOMERS; i++) {
      created.add(START.plusSeconds(random.nextInt(SPAN_SECONDS)));
    }
    created.sort(Comparator.naturalOrder());
    List<Customer> customers = new ArrayList<>(CUSTOMERS);
    for (int i = 0; i < CUSTOMERS; i++) {
      long id = i + 1;
      int first = random.nextInt(FIRST_NAMES.length);
      int last = random.nextInt(LAST_NAMES.length);
      String email = FIRST_SLUGS[first] + "." + LAST_SLUGS[last] + "." + id + "@example.com";
      customers.add(new Customer(id, FIRST_NAMES[first] + " " + LAST_NAMES[last], email, COUNTRIES.pick(random),
          created.get(i)));
    }
    return customers;
  }

  private static List<Order> orders(Random random, List<Customer> customers) {
    List<Order> unnumbered = new ArrayList<>(ORDERS);
    for (int i = 0; i < ORDERS; i++) {
      Customer customer = customers.get(random.nextInt(customers.size()));
      long left = Duration.between(customer.createdAt(), END).toSeconds() - 60;
      LocalDateTime createdAt = customer.createdAt().plusSeconds(60 + random.nextInt((int) Math.max(1, left)));
      long totalCents = Math.min(50_000, Math.round(500 * StrictMath.pow(100, random.nextDouble()))); // 5 to 500
      unnumbered.add(new Order(0, customer.id(), STATUSES.pick(random), totalCents, createdAt));
    }
    unnumbered.sort(Comparator.comparing(Order::createdAt)); // stable: equal times keep their order
    List<Order> orders = new ArrayList<>(ORDERS);
    for (int i = 0; i < ORDERS; i++) {
      Order o = unnumbered.get(i);
      orders.add(new Order(i + 1, o.customerId(), o.status(), o.totalCents(), o.createdAt()));
    }
    return orders;
  }

  private static List<Flag> featureFlags() {
    return List.of(
        new Flag("new_checkout", true, LocalDateTime.of(2025, 9, 15, 10, 30)),
        new Flag("dark_mode", false, LocalDateTime.of(2025, 6, 2, 14, 5)),
        new Flag("bulk_export", false, LocalDateTime.of(2025, 11, 20, 9, 0)),
        new Flag("legacy_search", true, LocalDateTime.of(2024, 3, 8, 16, 45)));
  }

  private static String[] slugs(String[] names) {
    return Arrays.stream(names).map(DemoData::slug).toArray(String[]::new);
  }

  /** ASCII lower-case letters only: "Müller" to "muller", "O'Brien" to "obrien". */
  static String slug(String name) {
    return Normalizer.normalize(name, Normalizer.Form.NFD)
        .replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
  }

  private record Weighted(String[] values, int[] weights) {
    String pick(Random random) {
      int total = 0;
      for (int w : weights) {
        total += w;
      }
      int r = random.nextInt(total);
      for (int i = 0; i < values.length; i++) {
        r -= weights[i];
        if (r < 0) {
          return values[i];
        }
      }
      throw new AssertionError("weights");
    }
  }
}
