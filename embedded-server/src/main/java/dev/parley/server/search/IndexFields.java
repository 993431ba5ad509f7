package dev.parley.server.search;

import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.Term;
import dev.parley.server.chat.ConversationKey;

/** The index's field names and how a message becomes a Lucene document. Only the id is stored: text comes from the database. */
final class IndexFields {
    static final String ID = "id";
    /** The id as a term, to replace or delete one message's document. */
    static final String ID_TERM = "idk";
    static final String CONVERSATION = "conv";
    /** Both accounts of a direct conversation. */
    static final String PARTY = "party";
    static final String AUTHOR = "author";
    static final String CREATED = "ts";
    static final String TEXT = "text";
    static final String HAS_FILE = "file";
    static final String YES = "1";

    private IndexFields() {
    }

    static Term idTerm(long id) {
        return new Term(ID_TERM, Long.toString(id));
    }

    static Document document(IndexedMessage message) {
        Document doc = new Document();
        doc.add(new LongPoint(ID, message.id()));
        doc.add(new NumericDocValuesField(ID, message.id()));
        doc.add(new StringField(ID_TERM, Long.toString(message.id()), Field.Store.NO));
        doc.add(new StringField(CONVERSATION, message.conversation().key(), Field.Store.NO));
        if (message.conversation() instanceof ConversationKey.Direct direct) {
            doc.add(new StringField(PARTY, Long.toString(direct.lowAccountId()), Field.Store.NO));
            doc.add(new StringField(PARTY, Long.toString(direct.highAccountId()), Field.Store.NO));
        }
        if (message.authorId() != null) {
            doc.add(new StringField(AUTHOR, message.authorId().toString(), Field.Store.NO));
        }
        doc.add(new LongPoint(CREATED, message.createdAtMillis()));
        doc.add(new TextField(TEXT, message.text(), Field.Store.NO));
        if (message.hasFile()) {
            doc.add(new StringField(HAS_FILE, YES, Field.Store.NO));
        }
        return doc;
    }
}
