/**
 * Styles of the Element Plus services the console calls as functions (ElMessage, ElMessageBox).
 * The per-component resolver loads a component's CSS only when a template names it, so a confirm
 * box opened from script was drawn unstyled in the page's top-left corner.
 */
import 'element-plus/es/components/message/style/css';
import 'element-plus/es/components/message-box/style/css';
