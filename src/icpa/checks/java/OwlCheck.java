/*
 * OwlCheck: load an ontology document with the OWL API (the library Protégé
 * uses) and check it against the OWL 2 DL profile.
 *
 * Usage: java -cp CLASSPATH OwlCheck.java FILE   (or compiled: OwlCheck FILE)
 *
 * The OBO parser is disabled unless FILE ends in .obo: it accepts almost any
 * text, so a broken Turtle file would otherwise "load" as an OBO ontology.
 *
 * Imports are resolved offline through a Protégé-style XML catalog
 * (catalog-v001.xml) in the directory of FILE, if there is one.
 *
 * Output (stdout, UTF-8, one item per line, tab-separated):
 *   FORMAT  ONTOLOGY  AXIOMS  LOGICAL_AXIOMS  UNPARSED  IMPORT*  VIOLATION*
 *   CATALOG <ontology IRI> <document IRI>   (one per catalog entry)
 *   ERROR   <one-line message>              (load failure)
 * Axiom counts and violations cover the imports closure; IMPORT lists the
 * closure without the loaded ontology itself.
 * Exit: 0 loaded and in profile, 2 loaded with violations,
 *       3 not loadable, 1 usage error.
 */

import java.io.File;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;

import org.semanticweb.owlapi.apibinding.OWLManager;
import org.semanticweb.owlapi.io.FileDocumentSource;
import org.semanticweb.owlapi.io.OWLOntologyLoaderMetaData;
import org.semanticweb.owlapi.io.OWLParser;
import org.semanticweb.owlapi.io.OWLParserException;
import org.semanticweb.owlapi.io.OWLParserFactory;
import org.semanticweb.owlapi.io.RDFParserMetaData;
import org.semanticweb.owlapi.io.UnparsableOntologyException;
import org.semanticweb.owlapi.model.IRI;
import org.semanticweb.owlapi.model.MissingImportHandlingStrategy;
import org.semanticweb.owlapi.model.OWLDocumentFormat;
import org.semanticweb.owlapi.model.OWLOntology;
import org.semanticweb.owlapi.model.OWLOntologyCreationException;
import org.semanticweb.owlapi.model.OWLOntologyLoaderConfiguration;
import org.semanticweb.owlapi.model.OWLOntologyManager;
import org.semanticweb.owlapi.model.UnloadableImportException;
import org.semanticweb.owlapi.model.parameters.Imports;
import org.semanticweb.owlapi.profiles.OWLProfileReport;
import org.semanticweb.owlapi.profiles.OWLProfileViolation;
import org.semanticweb.owlapi.profiles.Profiles;
import org.semanticweb.owlapi.util.SimpleIRIMapper;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXParseException;

public class OwlCheck {

    static final String CATALOG = "catalog-v001.xml";
    static final String XML_NS = "http://www.w3.org/XML/1998/namespace";

    static PrintStream out;

    public static void main(String[] args) {
        out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        if (args.length != 1) {
            out.println("ERROR\tusage: OwlCheck FILE");
            System.exit(1);
        }
        File file = new File(args[0]).getAbsoluteFile();
        if (!file.isFile()) {
            out.println("ERROR\tno such file: " + file);
            System.exit(3);
        }
        System.exit(run(file));
    }

    static int run(File file) {
        OWLOntologyManager manager = OWLManager.createOWLOntologyManager();
        if (!file.getName().toLowerCase(Locale.ROOT).endsWith(".obo")) {
            // The lenient OBO parser "succeeds" on broken Turtle etc. (owlcs/owlapi#81).
            List<OWLParserFactory> obo = new ArrayList<>();
            for (OWLParserFactory p : manager.getOntologyParsers()) {
                if (p.getSupportedFormat().getKey().startsWith("OBO")) {
                    obo.add(p);
                }
            }
            obo.forEach(manager.getOntologyParsers()::remove);
        }
        File catalog = new File(file.getParentFile(), CATALOG);
        if (catalog.isFile()) {
            try {
                for (Map.Entry<IRI, IRI> e : readCatalog(catalog).entrySet()) {
                    manager.getIRIMappers().add(new SimpleIRIMapper(e.getKey(), e.getValue()));
                    out.println("CATALOG\t" + e.getKey() + "\t" + e.getValue());
                }
            } catch (Exception e) {
                out.println("ERROR\tcannot read " + catalog + ": " + oneLine(e));
                return 3;
            }
        }
        OWLOntologyLoaderConfiguration config = manager.getOntologyLoaderConfiguration()
                .setMissingImportHandlingStrategy(MissingImportHandlingStrategy.THROW_EXCEPTION)
                .setConnectionTimeout(10000)
                .setRetriesToAttempt(1);

        OWLOntology ontology;
        try {
            ontology = manager.loadOntologyFromOntologyDocument(new FileDocumentSource(file), config);
        } catch (OWLOntologyCreationException | RuntimeException e) {
            out.println("ERROR\t" + describe(e, file.getName()));
            return 3;
        }

        OWLDocumentFormat format = manager.getOntologyFormat(ontology);
        out.println("FORMAT\t" + (format == null ? "" : clean(format.getKey())));
        out.println("ONTOLOGY\t" + iriOf(ontology));
        out.println("AXIOMS\t" + ontology.getAxiomCount(Imports.INCLUDED));
        out.println("LOGICAL_AXIOMS\t" + ontology.getLogicalAxiomCount(Imports.INCLUDED));
        Optional<OWLOntologyLoaderMetaData> meta =
                format == null ? Optional.empty() : format.getOntologyLoaderMetaData();
        if (meta.isPresent() && meta.get() instanceof RDFParserMetaData) {
            out.println("UNPARSED\t" + ((RDFParserMetaData) meta.get()).getUnparsedTriples().count());
        }
        List<String> imports = ontology.importsClosure()
                .filter(o -> !o.getOntologyID().equals(ontology.getOntologyID()))
                .map(OwlCheck::iriOf)
                .sorted()
                .collect(Collectors.toList());
        for (String iri : imports) {
            out.println("IMPORT\t" + iri);
        }

        OWLProfileReport report = Profiles.OWL2_DL.checkOntology(ontology);
        for (OWLProfileViolation v : report.getViolations()) {
            out.println("VIOLATION\t" + v.getClass().getSimpleName() + "\t" + clean(v.toString()));
        }
        return report.isInProfile() ? 0 : 2;
    }

    /** Map each catalog {@code <uri name=... uri=...>} entry, resolved against xml:base. */
    static Map<IRI, IRI> readCatalog(File catalog) throws Exception {
        DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
        dbf.setNamespaceAware(true);
        dbf.setExpandEntityReferences(false);
        dbf.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        DocumentBuilder builder = dbf.newDocumentBuilder();
        Document doc = builder.parse(catalog);
        Map<IRI, IRI> map = new LinkedHashMap<>();
        NodeList nodes = doc.getElementsByTagNameNS("*", "uri");
        for (int i = 0; i < nodes.getLength(); i++) {
            Element el = (Element) nodes.item(i);
            String name = el.getAttribute("name").trim();
            String target = el.getAttribute("uri").trim();
            if (name.isEmpty() || target.isEmpty()) {
                continue;
            }
            URI resolved = baseOf(el, catalog.getParentFile().toURI()).resolve(target);
            map.put(IRI.create(name), IRI.create(resolved));
        }
        return map;
    }

    /** The base URI of an element: the catalog directory, then each ancestor's xml:base. */
    static URI baseOf(Element el, URI base) {
        List<String> bases = new ArrayList<>();
        for (Node n = el; n instanceof Element; n = n.getParentNode()) {
            String b = ((Element) n).getAttributeNS(XML_NS, "base");
            if (!b.isEmpty()) {
                bases.add(0, b);
            }
        }
        for (String b : bases) {
            base = base.resolve(b);
        }
        return base;
    }

    static String iriOf(OWLOntology o) {
        Optional<IRI> iri = o.getOntologyID().getOntologyIRI();
        if (iri.isPresent()) {
            return iri.get().toString();
        }
        IRI doc = o.getOWLOntologyManager().getOntologyDocumentIRI(o);
        return doc == null ? "" : doc.toString();
    }

    /** A short message: for a parse failure, the error of the parser that fits the file. */
    static String describe(Throwable e, String name) {
        if (e instanceof UnparsableOntologyException) {
            Map<OWLParser, OWLParserException> errors = ((UnparsableOntologyException) e).getExceptions();
            String wanted = parserHint(name);
            Map.Entry<OWLParser, OWLParserException> pick = null;
            for (Map.Entry<OWLParser, OWLParserException> entry : errors.entrySet()) {
                if (pick == null) {
                    pick = entry;
                }
                if (wanted != null && entry.getKey().getClass().getSimpleName().startsWith(wanted)) {
                    pick = entry;
                    break;
                }
            }
            if (pick != null) {
                String parser = pick.getKey().getClass().getSimpleName();
                String prefix = wanted == null && errors.size() > 1
                        ? "no parser could read the file (" + errors.size() + " tried); " : "";
                return prefix + parser + ": " + summary(pick.getValue());
            }
        }
        String msg = e.getClass().getSimpleName() + ": " + oneLine(e);
        for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof UnloadableImportException) {
                c = ((UnloadableImportException) c).getOntologyCreationException();
            }
            if (c != e && c instanceof UnparsableOntologyException) {
                UnparsableOntologyException u = (UnparsableOntologyException) c;
                int cut = msg.indexOf(" Cause: ");
                return (cut > 0 ? msg.substring(0, cut) : msg) + ": " + describe(u, u.getDocumentIRI().toString());
            }
        }
        return msg;
    }

    /** The parser class name prefix matching a file extension, or null. */
    static String parserHint(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.endsWith(".ttl")) {
            return "Turtle";
        }
        if (n.endsWith(".owl") || n.endsWith(".rdf") || n.endsWith(".xml")) {
            return "RDFXML";
        }
        if (n.endsWith(".owx")) {
            return "OWLXML";
        }
        if (n.endsWith(".ofn")) {
            return "OWLFunctional";
        }
        if (n.endsWith(".omn")) {
            return "Manchester";
        }
        if (n.endsWith(".obo")) {
            return "OBO";
        }
        return null;
    }

    static final Pattern CLASS_PREFIX = Pattern.compile("^(?:[\\w$]+\\.)+[\\w$]*(?:Exception|Error): ");
    static final Pattern LOCATION = Pattern.compile("(?i)\\bline:? \\d+");

    /**
     * One line: the innermost message's first line, its "line N, column M"
     * position and up to eight expected tokens.
     */
    static String summary(Throwable t) {
        Throwable inner = t;
        int lineNo = -1;
        int column = -1;
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c.getMessage() != null && !c.getMessage().isBlank()) {
                inner = c;
            }
            if (c instanceof OWLParserException && ((OWLParserException) c).getLineNumber() > 0) {
                lineNo = ((OWLParserException) c).getLineNumber();
                column = ((OWLParserException) c).getColumnNumber();
            }
            if (c instanceof SAXParseException && ((SAXParseException) c).getLineNumber() > 0) {
                lineNo = ((SAXParseException) c).getLineNumber();
                column = ((SAXParseException) c).getColumnNumber();
            }
        }
        String msg = inner.getMessage();
        if (msg == null || msg.isBlank()) {
            return inner.getClass().getSimpleName();
        }
        List<String> lines = new ArrayList<>();
        for (String line : msg.split("\\R")) {
            if (!line.isBlank()) {
                lines.add(clean(line));
            }
        }
        StringBuilder sb = new StringBuilder(CLASS_PREFIX.matcher(lines.get(0)).replaceFirst(""));
        if (!LOCATION.matcher(sb).find()) {
            String where = lines.stream().skip(1).filter(l -> LOCATION.matcher(l).find()).findFirst()
                    .orElse(lineNo > 0 ? "at line " + lineNo + ", column " + column : null);
            if (where != null) {
                sb.append(' ').append(where.replaceAll("\\.$", ""));
            }
        }
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).startsWith("Was expecting")) {
                List<String> tokens = lines.subList(i + 1, lines.size());
                sb.append("; expected one of: ")
                        .append(String.join(" ", tokens.subList(0, Math.min(8, tokens.size()))))
                        .append(tokens.size() > 8 ? " ..." : "");
                break;
            }
        }
        return sb.toString();
    }

    /** First non-blank line of a throwable's message. */
    static String oneLine(Throwable t) {
        String m = t.getMessage();
        if (m == null) {
            return t.getClass().getSimpleName();
        }
        for (String line : m.split("\\R")) {
            if (!line.isBlank()) {
                return clean(line);
            }
        }
        return t.getClass().getSimpleName();
    }

    static String clean(String s) {
        return s.replaceAll("[\\t\\r\\n]+", " ").trim();
    }
}
