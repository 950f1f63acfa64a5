// LucenePeer: the Apache Lucene 8 peer of the benchmarks (Debian liblucene8-java), compiled and
// run by tools/bench/lucene.sh.
//   index CORPUS INDEX   every file as one document (StandardAnalyzer, text stored), one commit
//   query INDEX ROUNDS   each query of standard input (classic QueryParser, words ANDed) for
//                        the 10 best documents, each with its best highlighted fragment;
//                        prints "round<TAB>ms<TAB>total hits<TAB>query" per query and round
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.highlight.Highlighter;
import org.apache.lucene.search.highlight.QueryScorer;
import org.apache.lucene.store.FSDirectory;

public final class LucenePeer {
    public static void main(String[] args) throws Exception {
        if (args.length == 3 && args[0].equals("index")) {
            index(Paths.get(args[1]), Paths.get(args[2]));
        } else if (args.length == 3 && args[0].equals("query")) {
            query(Paths.get(args[1]), Integer.parseInt(args[2]));
        } else {
            System.err.println("usage: LucenePeer index CORPUS INDEX | query INDEX ROUNDS");
            System.exit(2);
        }
    }

    private static void index(Path root, Path dir) throws Exception {
        IndexWriterConfig config = new IndexWriterConfig(new StandardAnalyzer());
        config.setOpenMode(IndexWriterConfig.OpenMode.CREATE);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile).sorted().collect(Collectors.toList());
        }
        try (IndexWriter writer = new IndexWriter(FSDirectory.open(dir), config)) {
            for (Path file : files) {
                String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
                Document doc = new Document();
                doc.add(new StringField("path", root.relativize(file).toString(), Field.Store.YES));
                doc.add(new TextField("body", text, Field.Store.YES));
                writer.addDocument(doc);
            }
            writer.commit();
        }
    }

    private static void query(Path dir, int rounds) throws Exception {
        List<String> queries = new ArrayList<>();
        BufferedReader in =
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null;)
            if (!line.isEmpty() && !line.startsWith("#"))
                queries.add(line);
        StandardAnalyzer analyzer = new StandardAnalyzer();
        try (DirectoryReader reader = DirectoryReader.open(FSDirectory.open(dir))) {
            IndexSearcher searcher = new IndexSearcher(reader);
            for (int round = 1; round <= rounds; round++) {
                for (String q : queries) {
                    long t0 = System.nanoTime();
                    QueryParser parser = new QueryParser("body", analyzer);
                    parser.setDefaultOperator(QueryParser.Operator.AND);
                    Query query = parser.parse(q);
                    TopDocs top = searcher.search(query, 10);
                    Highlighter highlighter = new Highlighter(new QueryScorer(query));
                    for (ScoreDoc hit : top.scoreDocs) {
                        String text = searcher.doc(hit.doc).get("body");
                        highlighter.getBestFragment(analyzer, "body", text);
                    }
                    double ms = (System.nanoTime() - t0) / 1e6;
                    System.out.printf("%d\t%.3f\t%d\t%s%n", round, ms, top.totalHits.value, q);
                }
            }
        }
    }
}
