package dev.parley.server.search;

import dev.parley.server.chat.ConversationKey;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.QueryBuilder;

/**
 * Turns {@link SearchCriteria} into a Lucene query. Pure: no index, no I/O. The permission filter is
 * part of every query, so nothing outside the caller's channels and direct messages can match.
 * The user's text is never handed to a query parser: words and "quoted phrases" are cut out here
 * and analysed like the indexed text, so no query syntax (wildcards, fields, ranges) reaches Lucene.
 */
final class QueryTranslator {
    private static final Pattern PART = Pattern.compile("\"([^\"]*)\"|(\\S+)");

    private final QueryBuilder builder;

    QueryTranslator(Analyzer analyzer) {
        this.builder = new QueryBuilder(analyzer);
    }

    Query translate(SearchCriteria criteria) {
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        boolean anyText = false;
        Matcher parts = PART.matcher(criteria.text() == null ? "" : criteria.text());
        while (parts.find()) {
            Query part = parts.group(1) != null
                    ? builder.createPhraseQuery(IndexFields.TEXT, parts.group(1))
                    : builder.createBooleanQuery(IndexFields.TEXT, parts.group(2), Occur.MUST);
            // null: the part held no searchable word (only punctuation); it constrains nothing
            if (part != null) {
                query.add(part, Occur.MUST);
                anyText = true;
            }
        }
        if (!anyText) {
            if (criteria.text() != null) {
                return new MatchNoDocsQuery("no searchable words in the text");
            }
            query.add(new MatchAllDocsQuery(), Occur.MUST);
        }
        query.add(visibility(criteria), Occur.FILTER);
        if (criteria.within() != null) {
            query.add(new TermQuery(new Term(IndexFields.CONVERSATION, criteria.within().key())), Occur.FILTER);
        }
        if (criteria.fromAccountId() != null) {
            query.add(new TermQuery(new Term(IndexFields.AUTHOR, criteria.fromAccountId().toString())), Occur.FILTER);
        }
        if (criteria.afterMillis() != null || criteria.beforeMillis() != null) {
            long from = criteria.afterMillis() == null ? Long.MIN_VALUE : criteria.afterMillis();
            long to = criteria.beforeMillis() == null ? Long.MAX_VALUE : criteria.beforeMillis() - 1;
            query.add(LongPoint.newRangeQuery(IndexFields.CREATED, from, to), Occur.FILTER);
        }
        if (criteria.hasFile()) {
            query.add(new TermQuery(new Term(IndexFields.HAS_FILE, IndexFields.YES)), Occur.FILTER);
        }
        if (criteria.beforeId() != null) {
            query.add(LongPoint.newRangeQuery(IndexFields.ID, Long.MIN_VALUE, criteria.beforeId() - 1), Occur.FILTER);
        }
        return query.build();
    }

    /** The caller's readable channels, or a direct conversation they are part of. */
    private static Query visibility(SearchCriteria criteria) {
        BooleanQuery.Builder visible = new BooleanQuery.Builder();
        List<BytesRef> channels = new ArrayList<>();
        for (long channelId : criteria.readableChannels()) {
            channels.add(new BytesRef(ConversationKey.channel(channelId).key()));
        }
        boolean any = false;
        if (!channels.isEmpty()) {
            visible.add(new TermInSetQuery(IndexFields.CONVERSATION, channels), Occur.SHOULD);
            any = true;
        }
        if (criteria.accountId() != null) {
            visible.add(new TermQuery(new Term(IndexFields.PARTY, criteria.accountId().toString())), Occur.SHOULD);
            any = true;
        }
        return any ? visible.build() : new MatchNoDocsQuery("the caller may read nothing");
    }
}
